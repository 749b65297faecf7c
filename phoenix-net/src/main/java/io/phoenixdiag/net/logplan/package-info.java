/**
 * LOG-rule planning: the commands that make every drop of a rule set visible in the kernel log, the
 * commands that remove them again, and the map from log prefix to the rule that logged
 * ({@link io.phoenixdiag.net.logplan.LogPlanner}).
 */
package io.phoenixdiag.net.logplan;
