/**
 * Step-CA: {@link io.phoenixdiag.pki.stepca.StepCaClient} for the public HTTPS API with fingerprint bootstrap, and
 * {@link io.phoenixdiag.pki.stepca.StepCaChecks} comparing the CA's root with trust stores and step clients.
 */
package io.phoenixdiag.pki.stepca;
