// Triage a capture (pcap or pcapng) against a deployment: one sentence per flow, problems first.
Path capture = Path.of(System.getProperty("phoenix.pcap",
    "../shared/conformance/captures/generated/gen-tcp-syn-rst-closed-port.pcap"));
TriageReport triaged = triage(load(SAMPLE), capture);
System.out.print(triaged.render());
