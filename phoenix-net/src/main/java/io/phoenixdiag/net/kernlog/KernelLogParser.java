package io.phoenixdiag.net.kernlog;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses netfilter LOG lines (the kernel's nf_log_syslog.c output) in the forms of {@link LogFormat}.
 *
 * <p>A line is a LOG line when it holds an {@code IN=} field after its header. Lines that are not (other
 * kernel messages) are counted, not reported. A LOG line without {@code SRC=}, {@code DST=} or
 * {@code PROTO=}, with an address that is not an IP literal, a port that is not a number, or a header that
 * cannot be read, is a {@code kernlog.malformed} WARNING naming its line, and parsing goes on; nothing
 * throws. The fields of an embedded packet (the {@code [SRC=... ]} part an ICMP error carries) are not
 * taken as the line's own.
 *
 * <p>Stateless and thread-safe.
 */
public final class KernelLogParser {
    private static final Pattern DMESG = Pattern.compile("^\\[\\s*(\\d+\\.\\d+)\\]\\s?(.*)$");
    private static final Pattern DMESG_T = Pattern.compile("^\\[((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4})\\]\\s?(.*)$");
    private static final Pattern SYSLOG = Pattern.compile("^([A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d) (\\S+) kernel: (?:\\[\\s*\\d+\\.\\d+\\] )?(.*)$");
    private static final Pattern SYSLOG_ISO = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?) (\\S+) kernel: (?:\\[\\s*\\d+\\.\\d+\\] )?(.*)$");
    private static final Pattern PVE = Pattern.compile("^(\\d+) (\\d) (\\S+) (\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}) (.*)$");
    private static final Pattern ADDRESS = Pattern.compile("^[0-9a-fA-F:.]+$");

    private KernelLogParser() {
    }

    /**
     * Parses a whole log.
     *
     * @param source a file name or label for the warnings' locations; not empty
     * @param text   the log text (any line ending)
     * @return the lines and warnings; never null
     * @throws IllegalArgumentException if {@code source} is empty
     */
    public static KernelLog parse(String source, String text) {
        if (source.isEmpty()) {
            throw new IllegalArgumentException("source must not be empty");
        }
        List<LogLine> out = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        int other = 0;
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty() && i == lines.length - 1) {
                break;
            }
            String[] problem = new String[1];
            LogLine ll = parseLine(i + 1, l, problem);
            if (ll != null) {
                out.add(ll);
            } else if (problem[0] != null) {
                warnings.add(Finding.builder("kernlog.malformed", Severity.WARNING)
                        .title("Unreadable netfilter LOG line")
                        .message("Line " + (i + 1) + " of " + source + " looks like a LOG line but " + problem[0] + ": "
                                + abbreviate(l) + ".")
                        .subject(source).location(Location.ofLine(source, i + 1, 0)).build());
            } else {
                other++;
            }
        }
        return new KernelLog(source, out, other, warnings);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /**
     * Parses one line.
     *
     * @param lineNumber the 1-based line number to record
     * @param line       the line
     * @param problem    receives why a line that has {@code IN=} could not be read (element 0), else untouched
     * @return the LOG line, or null when it is not one (or is malformed: then {@code problem[0]} is set)
     */
    static LogLine parseLine(int lineNumber, String line, String[] problem) {
        if (!line.contains("IN=")) {
            return null;
        }
        LogFormat format;
        String ts = "";
        String host = "";
        String rest;
        int vmid = -1;
        int level = -1;
        String chain = "";
        Matcher m;
        if ((m = DMESG.matcher(line)).matches()) {
            format = LogFormat.DMESG;
            ts = m.group(1);
            rest = m.group(2);
        } else if ((m = DMESG_T.matcher(line)).matches()) {
            format = LogFormat.DMESG_TIME;
            ts = m.group(1);
            rest = m.group(2);
        } else if ((m = SYSLOG.matcher(line)).matches()) {
            format = LogFormat.SYSLOG;
            ts = m.group(1);
            host = m.group(2);
            rest = m.group(3);
        } else if ((m = SYSLOG_ISO.matcher(line)).matches()) {
            format = LogFormat.SYSLOG_ISO;
            ts = m.group(1);
            host = m.group(2);
            rest = m.group(3);
        } else if ((m = PVE.matcher(line)).matches()) {
            format = LogFormat.PVE_FIREWALL;
            try {
                vmid = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                problem[0] = "its VMID is not a number";
                return null;
            }
            level = Integer.parseInt(m.group(2));
            chain = m.group(3);
            ts = m.group(4);
            rest = m.group(5);
        } else if (line.startsWith("IN=") || line.matches("^\\S.*? IN=.*")) {
            format = LogFormat.BARE;
            rest = line;
        } else {
            problem[0] = "its header is none of dmesg, dmesg -T, syslog/journal, ISO syslog or pve-firewall.log";
            return null;
        }
        int in = rest.startsWith("IN=") ? 0 : rest.indexOf(" IN=");
        if (in < 0) {
            problem[0] = "it has no IN= field after its header";
            return null;
        }
        String prefix = rest.substring(0, in).trim();
        String body = rest.substring(in == 0 ? 0 : in + 1);
        int bracket = body.indexOf('[');
        if (bracket >= 0) {
            body = body.substring(0, bracket);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        for (String tok : body.trim().split(" +")) {
            if (tok.isEmpty()) {
                continue;
            }
            int eq = tok.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(tok.substring(0, eq), tok.substring(eq + 1));
            } else {
                flags.add(tok);
            }
        }
        for (String k : List.of("SRC", "DST", "PROTO")) {
            if (!fields.containsKey(k) || fields.get(k).isEmpty()) {
                problem[0] = "it has no " + k + "= field";
                return null;
            }
        }
        for (String k : List.of("SRC", "DST")) {
            String a = fields.get(k);
            if (!ADDRESS.matcher(a).matches() || io.phoenixdiag.core.firewall.IpAddress.tryParse(a).isEmpty()) {
                problem[0] = k + "=" + a + " is not an IP address";
                return null;
            }
        }
        for (String k : List.of("SPT", "DPT")) {
            String p = fields.get(k);
            if (p != null && !p.matches("\\d{1,5}")) {
                problem[0] = k + "=" + p + " is not a port number";
                return null;
            }
        }
        return new LogLine(lineNumber, format, ts, host, prefix, vmid, level, chain, fields, flags);
    }
}
