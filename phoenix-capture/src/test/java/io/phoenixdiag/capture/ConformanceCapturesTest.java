package io.phoenixdiag.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.capture.dissect.DnsMessage;
import io.phoenixdiag.capture.dissect.IcmpError;
import io.phoenixdiag.capture.dissect.Side;
import io.phoenixdiag.capture.dissect.TlsAlert;
import io.phoenixdiag.capture.dissect.TlsSession;
import io.phoenixdiag.capture.flow.ConnState;
import io.phoenixdiag.capture.flow.Flow;
import io.phoenixdiag.capture.flow.FlowOutcome;
import io.phoenixdiag.capture.source.CaptureFileReader;
import io.phoenixdiag.capture.source.CaptureFormat;
import io.phoenixdiag.capture.source.LinkType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sample captures of shared/conformance/captures give the classifications listed in its SOURCES.md. */
class ConformanceCapturesTest {

    private static CaptureAnalysis read(String name) throws IOException {
        CaptureAnalysis a = CaptureAnalysis.read(List.of(SharedData.captures().resolve(name)));
        assertEquals(List.of(), a.warnings(), name + " parses without warnings");
        assertEquals(0, a.stats().malformedPackets(), name);
        return a;
    }

    private static Flow only(CaptureAnalysis a) {
        assertEquals(1, a.flows().size(), a.flows().toString());
        return a.flows().get(0);
    }

    private static TlsSession tls(Flow f) {
        assertTrue(f.tls().isPresent(), "TLS seen in " + f);
        return f.tls().get();
    }

    private static void assertAlert(TlsAlert alert, Side sender, int level, String name, int code) {
        assertEquals(sender, alert.sender());
        assertEquals(level, alert.level());
        assertEquals(name, alert.name());
        assertEquals(code, alert.code());
    }

    @Test
    void everySampleParsesWithoutWarnings() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SharedData.captures())) {
            s.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(files::add);
        }
        assertEquals(24, files.size(), "SOURCES.md lists 24 captures");
        for (Path p : files) {
            CaptureAnalysis a = CaptureAnalysis.read(List.of(p));
            assertEquals(List.of(), a.warnings(), p.toString());
            assertTrue(a.stats().packets() > 0, p.toString());
            assertEquals(a.stats().packets(), a.stats().ipPackets(), p + ": every packet is IP");
        }
    }

    @Test
    void tcpSyn() throws IOException {
        Flow f = only(read("public/zeek__tcp_syn.pcap"));
        assertEquals("tcp", f.protocol());
        assertEquals(ConnState.S0, f.connState());
        assertEquals("S", f.history());
        assertEquals(FlowOutcome.NO_ANSWER, f.outcome());
        assertEquals(1, f.originatorSyns());
        assertEquals("tcp 141.142.228.5:59856 -> 192.150.187.43:80", f.key().toString());
    }

    @Test
    void synThenRst() throws IOException {
        Flow f = only(read("public/zeek__tcp_syn-then-rst.pcap"));
        assertEquals(ConnState.RSTOS0, f.connState());
        assertEquals("SR", f.history());
    }

    @Test
    void singleRst() throws IOException {
        Flow f = only(read("public/zeek__tcp_single-rst.pcap"));
        assertEquals(ConnState.OTH, f.connState());
        assertEquals("R", f.history());
        assertEquals(FlowOutcome.PARTIAL, f.outcome());
    }

    @Test
    void icmpPortUnreachableQuotingUdp() throws IOException {
        Flow f = only(read("public/zeek__icmp_icmp-destunreach-udp.pcap"));
        assertEquals("udp 192.168.1.1:53 -> 192.168.1.102:59207", f.key().toString());
        assertEquals(1, f.icmpErrors().size());
        IcmpError e = f.icmpErrors().get(0);
        assertEquals(3, e.type());
        assertEquals(3, e.code());
        assertTrue(e.portUnreachable());
        assertEquals("ICMP port unreachable (type 3 code 3) from 192.168.1.102", e.toString());
        assertEquals(FlowOutcome.REJECTED_ICMP, f.outcome());
    }

    @Test
    void icmpNetworkUnreachable() throws IOException {
        Flow f = only(read("public/zeek__icmp_icmp-destunreach-ip.pcap"));
        IcmpError e = f.icmpErrors().get(0);
        assertEquals(3, e.type());
        assertEquals(0, e.code());
        assertEquals("network unreachable", e.description());
        assertEquals("10.0.0.1", e.reporter());
    }

    @Test
    void dnsTwoResponses() throws IOException {
        Flow f = only(read("public/zeek__dns-two-responses.pcap"));
        List<DnsMessage> dns = f.dns();
        assertEquals(3, dns.size());
        assertEquals("query A www.cmu.edu", dns.get(0).toString());
        assertEquals(Side.ORIGINATOR, dns.get(0).sender());
        for (DnsMessage r : dns.subList(1, 3)) {
            assertTrue(r.response());
            assertEquals(Side.RESPONDER, r.sender());
            assertEquals(dns.get(0).id(), r.id());
            assertEquals("www.cmu.edu", r.questions().get(0).name());
            assertTrue(r.answers().stream().anyMatch(x -> x.typeName().equals("A") && x.data().equals("128.2.10.163")),
                    r.toString());
        }
        assertEquals(dns.get(1).answers(), dns.get(2).answers(), "two identical answers");
    }

    @Test
    void dnsLongConnection() throws IOException {
        Flow f = only(read("public/zeek__dns_long-connection.pcap"));
        assertEquals("udp", f.protocol());
        assertEquals(ConnState.SF, f.connState());
        assertEquals("Dd", f.history());
        List<DnsMessage> queries = f.dns().stream().filter(m -> !m.response()).toList();
        List<DnsMessage> responses = f.dns().stream().filter(DnsMessage::response).toList();
        assertEquals(11, queries.size());
        assertEquals(11, responses.size());
        for (int i = 0; i < 11; i++) {
            assertEquals(queries.get(i).id(), responses.get(i).id(), "pair " + i);
        }
        assertTrue(queries.stream().anyMatch(q -> q.questions().get(0).typeName().equals("A")));
        assertTrue(queries.stream().anyMatch(q -> q.questions().get(0).typeName().equals("PTR")));
        assertEquals("response NOERROR PTR 104.9.192.66.in-addr.arpa: 66-192-9-104.gen.twtelecom.net",
                responses.get(2).toString());
    }

    @Test
    void tls13DraftUnknownCaThenSuccess() throws IOException {
        CaptureAnalysis a = read("public/zeek__tls_tls13draft16-ff52.a01.pcap");
        assertEquals(2, a.flows().size());
        TlsSession first = tls(a.flows().get(0));
        assertEquals(1, first.alerts().size());
        assertAlert(first.alerts().get(0), Side.ORIGINATOR, 2, "unknown_ca", 48);
        assertEquals("client sent fatal unknown_ca (48)", first.fatalAlert().orElseThrow().toString());
        assertTrue(a.flows().get(0).history().contains("F") && a.flows().get(0).history().contains("R"),
                "FIN and RST from the client: " + a.flows().get(0).history());
        assertFalse(first.established());
        TlsSession second = tls(a.flows().get(1));
        assertEquals(List.of(), second.alerts());
        assertTrue(second.established());
        assertEquals("TLS 1.3 draft 16", second.version());
    }

    @Test
    void tls12HandshakeFailure() throws IOException {
        Flow f = only(read("public/zeek__tls_tls-1.2-handshake-failure.pcap"));
        TlsSession t = tls(f);
        assertEquals(List.of("client:ClientHello"), t.handshakeMessages());
        assertTrue(t.serverHello().isEmpty());
        assertAlert(t.alerts().get(0), Side.RESPONDER, 2, "handshake_failure", 40);
        assertTrue(f.history().contains("f"), "then FIN from the server: " + f.history());
    }

    @Test
    void certificateRequestFailedOverIpv6() throws IOException {
        Flow f = only(read("public/zeek__tls_certificate-request-failed.pcap"));
        assertEquals(6, f.ipVersion());
        TlsSession t = tls(f);
        assertTrue(t.certificateRequested());
        assertAlert(t.fatalAlert().orElseThrow(), Side.RESPONDER, 2, "handshake_failure", 40);
    }

    @Test
    void earlyWarningAlert() throws IOException {
        Flow f = only(read("public/zeek__tls_tls-early-alert.pcap"));
        TlsSession t = tls(f);
        assertAlert(t.alerts().get(0), Side.RESPONDER, 1, "unrecognized_name", 112);
        assertTrue(t.fatalAlert().isEmpty());
        int alertAt = 0;
        assertTrue(t.handshakeMessages().indexOf("server:ServerHello") >= alertAt);
        assertTrue(t.established(), "handshake continues");
        assertEquals("jeffbryner.com", t.clientHello().orElseThrow().serverName());
    }

    @Test
    void ndpiPcapngProtocolVersion() throws IOException {
        try (CaptureFileReader r = CaptureFileReader.open(SharedData.captures().resolve("public/ndpi__tls_alert.pcap"))) {
            assertEquals(CaptureFormat.PCAPNG, r.format());
        }
        CaptureAnalysis a = read("public/ndpi__tls_alert.pcap");
        Flow f = a.flows().get(0);
        TlsSession t = tls(f);
        assertEquals("www.google-analytics.com", t.clientHello().orElseThrow().serverName());
        assertAlert(t.fatalAlert().orElseThrow(), Side.RESPONDER, 2, "protocol_version", 70);
    }

    @Test
    void tls12CertificateInTheClear() throws IOException {
        TlsSession t = tls(only(read("public/zeek__tls_tls1.2.pcap")));
        assertEquals(3, t.serverCertificates().size());
        assertTrue(t.serverCertificates().get(0).getSubjectX500Principal().getName().startsWith("CN=*.taleo.net"));
        assertEquals("TLS 1.2", t.version());
        assertTrue(t.established());
    }

    @Test
    void tls12Ecdhe() throws IOException {
        TlsSession t = tls(only(read("public/zeek__tls_ecdhe.pcap")));
        assertEquals(3, t.serverCertificates().size());
        assertTrue(t.handshakeMessages().contains("server:ServerKeyExchange"));
        assertEquals("0xc014", t.serverHello().orElseThrow().cipherSuiteHex());
    }

    @Test
    void openJdkOverSll2IsS1() throws IOException {
        Path file = SharedData.captures().resolve("public/zeek__tls_openjdk-25.0.2-zeek.org.pcap");
        List<LinkType> links = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            r.readAll((ts, link, d, o, c, l) -> links.add(link));
        }
        assertEquals(List.of(LinkType.LINUX_SLL2), links.stream().distinct().toList());
        Flow f = only(read("public/zeek__tls_openjdk-25.0.2-zeek.org.pcap"));
        assertEquals(ConnState.S1, f.connState());
        assertEquals("ShADad", f.history());
        TlsSession t = tls(f);
        assertTrue(t.clientHello().orElseThrow().supportedVersions().contains(0x0304));
        assertEquals(0x0304, t.serverHello().orElseThrow().selectedVersion());
        assertEquals(List.of("client:ClientHello", "server:ServerHello"), t.handshakeMessages());
    }

    @Test
    void tls13WolfSsl() throws IOException {
        Flow f = only(read("public/zeek__tls_tls13_wolfssl.pcap"));
        assertEquals(ConnState.SF, f.connState());
        TlsSession t = tls(f);
        assertEquals("TLS 1.3", t.version());
        assertTrue(t.established());
        assertTrue(t.fatalAlert().isEmpty());
    }

    @Test
    void generatedTls12UnknownCa() throws IOException {
        TlsSession t = tls(only(read("generated/gen-tls12-unknown-ca.pcap")));
        assertEquals(List.of("client:ClientHello", "server:ServerHello", "server:Certificate", "server:ServerKeyExchange",
                "server:ServerHelloDone"), t.handshakeMessages());
        assertAlert(t.fatalAlert().orElseThrow(), Side.ORIGINATOR, 2, "unknown_ca", 48);
        assertEquals(1, t.serverCertificates().size());
    }

    @Test
    void generatedTls12NotYetValid() throws IOException {
        TlsSession t = tls(only(read("generated/gen-tls12-bad-certificate-notyetvalid.pcap")));
        assertAlert(t.fatalAlert().orElseThrow(), Side.ORIGINATOR, 2, "bad_certificate", 42);
    }

    @Test
    void generatedMtlsClientUnknownCa() throws IOException {
        TlsSession t = tls(only(read("generated/gen-tls12-mtls-client-unknown-ca.pcap")));
        assertTrue(t.certificateRequested());
        assertEquals(1, t.clientCertificates().size());
        int clientCert = t.handshakeMessages().indexOf("client:Certificate");
        assertTrue(clientCert > 0);
        assertAlert(t.fatalAlert().orElseThrow(), Side.RESPONDER, 2, "unknown_ca", 48);
    }

    @Test
    void generatedTls12Ok() throws IOException {
        Flow f = only(read("generated/gen-tls12-ok.pcap"));
        assertEquals(ConnState.SF, f.connState());
        TlsSession t = tls(f);
        assertTrue(t.established());
        assertEquals(1, t.serverCertificates().size());
        assertEquals("CN=localhost", t.serverCertificates().get(0).getSubjectX500Principal().getName());
    }

    @Test
    void generatedTls13UnknownCa() throws IOException {
        TlsSession t = tls(only(read("generated/gen-tls13-unknown-ca.pcap")));
        assertAlert(t.fatalAlert().orElseThrow(), Side.ORIGINATOR, 2, "unknown_ca", 48);
        assertEquals("TLS 1.3", t.version());
    }

    @Test
    void generatedTls13Ok() throws IOException {
        TlsSession t = tls(only(read("generated/gen-tls13-ok.pcap")));
        assertTrue(t.established());
        assertEquals(List.of(), t.serverCertificates(), "the certificate is encrypted in TLS 1.3");
    }

    @Test
    void generatedClosedPortIsRej() throws IOException {
        Flow f = only(read("generated/gen-tcp-syn-rst-closed-port.pcap"));
        assertEquals(ConnState.REJ, f.connState());
        assertEquals("Sr", f.history());
        assertEquals(9, f.port());
        assertEquals(FlowOutcome.REJECTED_RST, f.outcome());
    }

    @Test
    void generatedDns() throws IOException {
        CaptureAnalysis a = read("generated/gen-dns-a-nxdomain-udp-tcp.pcap");
        assertEquals(2, a.flows().size());
        Flow udp = a.flows().get(0);
        assertEquals("udp", udp.protocol());
        assertEquals(List.of("query A db.pve.internal", "response NOERROR A db.pve.internal: 10.10.0.5",
                "query A missing.pve.internal", "response NXDOMAIN A missing.pve.internal"),
                udp.dns().stream().map(DnsMessage::toString).toList());
        assertEquals(3, udp.dns().get(3).rcode());
        Flow tcp = a.flows().get(1);
        assertEquals("tcp", tcp.protocol());
        assertEquals(ConnState.SF, tcp.connState());
        assertEquals(List.of("query A web.pve.internal", "response NOERROR A web.pve.internal: 10.10.0.6"),
                tcp.dns().stream().map(DnsMessage::toString).toList());
        assertEquals("tcp", tcp.dns().get(0).transport());
    }
}
