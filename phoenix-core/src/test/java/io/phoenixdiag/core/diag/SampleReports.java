package io.phoenixdiag.core.diag;

/** Hand-built reports shared by the renderer tests. */
final class SampleReports {

    private SampleReports() {
    }

    static final String LXC = "phoenix_lxc_configs.json";

    /** A small report with every part of the contract: four severities, six flows, nodes, roles, not-run. */
    static Report small() {
        Report.Builder b = Report.builder().tool("phoenix-doctor", "0.1.0-SNAPSHOT").subject("/etc/phoenix");
        b.node(NodeEntry.of("external", "Internet", "", "external", true));
        b.node(NodeEntry.of("host", "phoenix", "10.0.0.13"));
        b.node(NodeEntry.of("lxc:101", "Nginx-Phoenix", "10.0.0.153"));
        b.node(NodeEntry.of("lxc:102", "Traefik-Internal", "10.0.0.12"));
        b.node(NodeEntry.of("lxc:103", "Step-CA", "10.0.0.10"));
        b.node(NodeEntry.of("vm:9000", "Template | \"base\" <ubuntu>", "", "vm", false));

        b.flow(FlowEntry.builder("external", "lxc:101", "tcp", 443).scheme("https").purpose("Clients to the gateway")
                .impliedBy("lxc:101 is the gateway (Nginx)", Location.ofPointer(LXC, "/lxc_configs/101/name"))
                .verdict(FlowVerdict.of(FlowLayer.INTENT, FlowState.ALLOWED, "lxc:101 IN rule 1: ACCEPT tcp dport 443",
                        Location.ofPointer(LXC, "/lxc_configs/101/firewall/rules/0")))
                .build());
        b.flow(FlowEntry.builder("lxc:101", "lxc:102", "tcp", 80).scheme("http").purpose("Gateway to router (web entrypoint)")
                .verdict(FlowVerdict.of(FlowLayer.INTENT, FlowState.ALLOWED, "lxc:102 IN rule 1: ACCEPT tcp dport 80 from 10.0.0.153",
                        Location.ofPointer(LXC, "/lxc_configs/102/firewall/rules/0")))
                .build());
        b.flow(FlowEntry.builder("lxc:102", "lxc:103", "tcp", 9000).scheme("https").purpose("CA client to Step-CA")
                .impliedBy("lxc:102 has feature step_cli", Location.ofPointer(LXC, "/lxc_configs/102/features/1"))
                .verdict(FlowVerdict.of(FlowLayer.INTENT, FlowState.BLOCKED_DESTINATION_INGRESS, "lxc:103 policy_in DROP (no rule matched)",
                        Location.ofPointer(LXC, "/lxc_configs/103/firewall")))
                .build());
        b.flow(FlowEntry.builder("lxc:102", "host", "udp", 53).scheme("dns").purpose("Name resolution").build());
        b.flow(FlowEntry.builder("vm:9000", "lxc:103", "tcp", 9000).scheme("https").purpose("CA client to Step-CA").active(false)
                .verdict(FlowVerdict.of(FlowLayer.INTENT, FlowState.BLOCKED_DESTINATION_INGRESS, "lxc:103 policy_in DROP (no rule matched)"))
                .build());
        // A later layer merges into an existing flow: iptables cannot decide, so intent still decides.
        b.verdict(FlowEntry.idOf("lxc:101", "lxc:102", "tcp", 80),
                FlowVerdict.of(FlowLayer.IPTABLES, FlowState.UNKNOWN, "ipset PVEFW-0-management-v4 contents not given",
                        Location.ofLine("iptables-save.txt", 42, 0)));

        b.finding(Finding.builder("firewall.flow-blocked", Severity.ERROR)
                .title("Traefik cannot reach Step-CA on tcp/9000")
                .message("The intended flow lxc:102 -> lxc:103 tcp/9000 is dropped by lxc:103's default policy.\nCertificate renewal for the router fails.")
                .subject("lxc:102", "lxc:103", "10.0.0.10:9000/tcp")
                .evidence(Evidence.of("no IN rule of lxc:103 accepts tcp/9000 from 10.0.0.12", Location.ofPointer(LXC, "/lxc_configs/103/firewall/rules")))
                .evidence("lxc:103 policy_in is DROP (Proxmox default)")
                .remediation("Add an IN rule to lxc:103: ACCEPT tcp dport 9000 from 10.0.0.12.")
                .location(Location.ofPointer(LXC, "/lxc_configs/103/firewall"))
                .build());
        b.finding(Finding.builder("pki.private-key-readable", Severity.CRITICAL)
                .title("CA private key is world-readable")
                .message("certificate-manifest.json gives the key mode 644.")
                .subject("lxc:103")
                .location(new Location("certificate-manifest.json", "/certificates/0/key_mode", 12, 7))
                .remediation("Set the mode to 640 and the group to the service's group.")
                .build());
        b.finding(Finding.builder("firewall.rule-shadowed", Severity.WARNING)
                .title("Rule 3 of lxc:101 never matches")
                .message("Rule 1 (ACCEPT tcp dport 443) already matches every packet rule 3 matches.")
                .subject("lxc:101")
                .location(Location.ofPointer(LXC, "/lxc_configs/101/firewall/rules/2"))
                .build());
        b.finding(Finding.builder("config.file-missing", Severity.INFO)
                .title("No phoenix_vm_configs.json in the deployment directory")
                .message("VMs are not analysed.")
                .subject("phoenix_vm_configs.json")
                .build());

        b.role(RoleEntry.of("lxc:101", "gateway", "name contains Nginx"));
        b.role(RoleEntry.of("lxc:102", "router", "name contains Traefik"));
        b.role(RoleEntry.of("lxc:103", "ca", "feature step_ca"));
        b.role(RoleEntry.of("host", "dns", "guests name 10.0.0.13 as nameserver"));
        b.notRun("net.iptables-verdicts", "needs IptablesRuleSet");
        return b.build();
    }
}
