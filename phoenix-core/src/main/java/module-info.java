/**
 * Phoenix Diagnostics core: the typed Phoenix configuration model and loader, topology and intended flows,
 * the Proxmox VE firewall model and evaluator, gateway configuration models, deployment diffs and the
 * diagnostics framework (checks, findings, reports).
 *
 * <p>Exports every API package; {@code io.phoenixdiag.core.gateway.internal} stays hidden. Checks are
 * discovered with {@link java.util.ServiceLoader} ({@code uses io.phoenixdiag.core.diag.Check}); a module
 * adds its own with {@code provides io.phoenixdiag.core.diag.Check with ...}.
 *
 * @uses io.phoenixdiag.core.diag.Check
 * @uses io.phoenixdiag.core.analysis.FlowContributor
 * @provides io.phoenixdiag.core.diag.Check the built-in configuration, firewall, flow, cross-layer (nginx,
 *           Traefik) and evidence (intent against a Proxmox host's reality) checks
 * @provides io.phoenixdiag.core.analysis.FlowContributor the flows that the gateway's nginx and Traefik files add
 */
module io.phoenixdiag.core {
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.networknt.schema;
    // EvidenceArchive reads the collector's tar.gz archives.
    requires org.apache.commons.compress;
    requires org.slf4j;

    exports io.phoenixdiag.core.analysis;
    exports io.phoenixdiag.core.checks;
    exports io.phoenixdiag.core.config;
    exports io.phoenixdiag.core.crosslayer;
    exports io.phoenixdiag.core.diag;
    exports io.phoenixdiag.core.diff;
    exports io.phoenixdiag.core.evidence;
    exports io.phoenixdiag.core.firewall;
    exports io.phoenixdiag.core.firewall.pvefile;
    exports io.phoenixdiag.core.gateway;
    exports io.phoenixdiag.core.netns;
    exports io.phoenixdiag.core.topology;

    uses io.phoenixdiag.core.diag.Check;
    uses io.phoenixdiag.core.analysis.FlowContributor;

    provides io.phoenixdiag.core.diag.Check with
            io.phoenixdiag.core.checks.DuplicateIdentityCheck,
            io.phoenixdiag.core.checks.UnknownReferenceCheck,
            io.phoenixdiag.core.checks.DependencyCycleCheck,
            io.phoenixdiag.core.checks.PlaintextSecretCheck,
            io.phoenixdiag.core.checks.ManifestKeyModeCheck,
            io.phoenixdiag.core.checks.CaStateSharedCheck,
            io.phoenixdiag.core.checks.RouterSchemeCheck,
            io.phoenixdiag.core.checks.NameserverCheck,
            io.phoenixdiag.core.checks.FlowBlockedCheck,
            io.phoenixdiag.core.checks.RuleSetCheck,
            io.phoenixdiag.core.checks.PveFwFlowCheck,
            io.phoenixdiag.core.checks.ConfigValueCheck,
            io.phoenixdiag.core.crosslayer.GatewayConfigCheck,
            io.phoenixdiag.core.crosslayer.GatewayUpstreamCheck,
            io.phoenixdiag.core.crosslayer.TraefikRoutingCheck,
            io.phoenixdiag.core.crosslayer.GatewayTlsCheck,
            io.phoenixdiag.core.evidence.IntentRealityCheck,
            io.phoenixdiag.core.evidence.ClockSkewCheck,
            io.phoenixdiag.core.evidence.EvidenceArchiveCheck,
            io.phoenixdiag.core.evidence.KeyFingerprintCheck;

    provides io.phoenixdiag.core.analysis.FlowContributor with io.phoenixdiag.core.crosslayer.GatewayFlows;
}
