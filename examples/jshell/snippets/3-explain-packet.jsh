// Explain a packet: HTTPS from outside to the Nginx gateway (lxc:101, 192.0.2.153) of the sample.
Packet packet = Packet.builder(Endpoint.external(), Endpoint.guest(101, "net0")).
    sourceIp("203.0.113.7").destinationIp("192.0.2.153").protocol("tcp").destinationPort(443).build();
Verdict verdict = explain(load(SAMPLE), packet);
