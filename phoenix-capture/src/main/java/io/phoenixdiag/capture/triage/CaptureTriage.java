package io.phoenixdiag.capture.triage;

import io.phoenixdiag.capture.CaptureAnalysis;
import io.phoenixdiag.capture.dissect.DnsMessage;
import io.phoenixdiag.capture.dissect.DnsRecord;
import io.phoenixdiag.capture.dissect.HttpStartLine;
import io.phoenixdiag.capture.dissect.IcmpError;
import io.phoenixdiag.capture.dissect.Side;
import io.phoenixdiag.capture.dissect.TlsAlert;
import io.phoenixdiag.capture.dissect.TlsAlertDescription;
import io.phoenixdiag.capture.dissect.TlsSession;
import io.phoenixdiag.capture.flow.Flow;
import io.phoenixdiag.capture.flow.FlowOutcome;
import io.phoenixdiag.capture.source.CaptureWarning;
import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.FlowLayer;
import io.phoenixdiag.core.diag.FlowState;
import io.phoenixdiag.core.diag.FlowVerdict;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Guest;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.core.topology.Topology;
import io.phoenixdiag.pki.name.ReferenceIdentity;
import io.phoenixdiag.pki.path.PathValidator;
import io.phoenixdiag.pki.path.ValidationResult;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Explains the flows of a capture in the deployment's terms: joins each flow with the topology (address to
 * guest name and CTID/VMID) and the intended flows, says what happened in plain words, and turns problems
 * into {@code capture.*} findings and {@code capture}-layer verdicts.
 *
 * <p>Rules (per flow, first match wins):
 * <ul>
 *   <li>a fatal plaintext TLS alert: the handshake failed, with the RFC 8446 alert name, who sent it and
 *       what it means ({@code unknown_ca} from the client = the client does not trust the server's CA);</li>
 *   <li>{@link FlowOutcome#REJECTED_ICMP}: for TCP a REJECT rule (or a router); for UDP also "nothing listens";</li>
 *   <li>{@link FlowOutcome#REJECTED_RST} (REJ): port closed, or a REJECT with tcp-reset;</li>
 *   <li>{@link FlowOutcome#NO_ANSWER} (S0): silently dropped (a firewall DROP rule, or the host is down);</li>
 *   <li>plaintext HTTP to a TLS port (or a TLS ClientHello to an http intended flow);</li>
 *   <li>a DNS answer that differs from the deployment's address for the name, or NXDOMAIN for it.</li>
 * </ul>
 * With trust anchors, each served TLS 1.2 chain is validated with phoenix-pki's {@link PathValidator} (reference
 * identity: the SNI name) and a failure becomes a {@code capture.tls-chain} finding.
 *
 * <p>Build once with {@link #builder()}; immutable and thread-safe.
 */
public final class CaptureTriage {
    private final Topology topology;
    private final List<IntendedFlow> intended;
    private final Map<String, String> expectedAddresses;
    private final PathValidator validator;

    private CaptureTriage(Builder b) {
        topology = b.topology;
        intended = List.copyOf(b.intended);
        Map<String, String> exp = new LinkedHashMap<>();
        if (topology != null && !topology.domain().isEmpty()) {
            for (Guest g : topology.guests()) {
                g.address().ifPresent(a -> exp.put((g.name() + "." + topology.domain()).toLowerCase(Locale.ROOT), a));
            }
        }
        exp.putAll(b.expected);
        expectedAddresses = Map.copyOf(exp);
        validator = b.anchors.isEmpty() ? null : PathValidator.builder().trustAnchors(b.anchors).clock(b.clock).build();
    }

    /**
     * A triage with no topology (flows are labelled by address), no intended flows and no trust anchors.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Triage a capture.
     *
     * @param analysis the capture's flows
     * @return the report
     */
    public TriageReport triage(CaptureAnalysis analysis) {
        List<TriageLine> lines = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, List<TriageLine>> byIntended = new LinkedHashMap<>();
        for (Flow f : analysis.flows()) {
            Optional<IntendedFlow> in = intendedFor(f);
            TriageLine line = explain(f, in);
            lines.add(line);
            in.ifPresent(i -> byIntended.computeIfAbsent(i.id(), k -> new ArrayList<>()).add(line));
            if (line.severity() != Severity.INFO) {
                findings.add(finding(line));
            }
            chainFinding(f, line).ifPresent(findings::add);
        }
        for (CaptureWarning w : analysis.warnings()) {
            findings.add(Finding.builder("capture.parse-warning", Severity.WARNING).title("Capture could not be read completely")
                    .message(w.toString()).subject(w.file()).build());
        }
        Map<String, FlowVerdict> verdicts = new LinkedHashMap<>();
        for (Map.Entry<String, List<TriageLine>> e : byIntended.entrySet()) {
            verdicts.put(e.getKey(), verdict(e.getValue()));
        }
        return new TriageReport(lines, findings, verdicts, analysis.stats(), analysis.warnings());
    }

    private static FlowVerdict verdict(List<TriageLine> lines) {
        for (TriageLine l : lines) {
            FlowOutcome o = l.flow().outcome();
            if (!o.failedToConnect() && l.flow().responderPackets() > 0) {
                return FlowVerdict.of(FlowLayer.CAPTURE, FlowState.ALLOWED, "capture: " + l.sentence());
            }
        }
        for (TriageLine l : lines) {
            if (l.flow().outcome().failedToConnect()) {
                return FlowVerdict.of(FlowLayer.CAPTURE, FlowState.BLOCKED, "capture: " + l.sentence());
            }
        }
        return FlowVerdict.of(FlowLayer.CAPTURE, FlowState.UNKNOWN, "capture: " + lines.get(0).sentence());
    }

    private Optional<IntendedFlow> intendedFor(Flow f) {
        if (intended.isEmpty()) {
            return Optional.empty();
        }
        Endpoint src = endpoint(f.key().originator());
        Endpoint dst = endpoint(f.key().responder());
        for (IntendedFlow i : intended) {
            if (i.protocol().equals(f.protocol()) && i.port() == f.port() && matches(i.source(), src, i, f.key().originator())
                    && matches(i.destination(), dst, i, f.key().responder())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Endpoint want, Endpoint got, IntendedFlow i, String address) {
        if (want.equals(Endpoint.EXTERNAL)) {
            return got.equals(Endpoint.EXTERNAL) && (i.externalAddress().isEmpty() || i.externalAddress().equals(address));
        }
        return want.equals(got);
    }

    private Endpoint endpoint(String address) {
        return topology == null ? Endpoint.EXTERNAL : topology.ownerOf(address).orElse(Endpoint.EXTERNAL);
    }

    private String label(String address) {
        if (topology == null) {
            return address;
        }
        Optional<Endpoint> e = topology.ownerOf(address);
        if (e.isEmpty()) {
            return address;
        }
        if (e.get().equals(Endpoint.HOST)) {
            return "host (" + address + ")";
        }
        Optional<Guest> g = topology.guest(e.get());
        int id = e.get().id().orElse(0);
        return g.map(x -> x.name() + " (" + id + ")").orElse(e.get().subject());
    }

    private TriageLine explain(Flow f, Optional<IntendedFlow> in) {
        String src = label(f.key().originator());
        String dst = label(f.key().responder());
        Optional<String> id = in.map(IntendedFlow::id);
        boolean intendedActive = in.map(IntendedFlow::active).orElse(false);
        Severity failure = intendedActive ? Severity.ERROR : Severity.WARNING;
        boolean tcp = f.protocol().equals("tcp");
        String attempts = tcp ? plural(f.originatorSyns(), "SYN") : plural(f.originatorPackets(), "datagram");

        Optional<TlsAlert> alert = f.tls().flatMap(TlsSession::fatalAlert);
        if (alert.isPresent()) {
            TlsAlert a = alert.get();
            return new TriageLine(f, src, dst, id, Severity.ERROR, "capture.tls-alert", "TLS handshake failed, " + a,
                    alertMeaning(a, f.tls().get()), "The " + a.sender().role() + " ended the TLS handshake with the fatal"
                    + " alert " + a.name() + " (" + a.code() + ", RFC 8446 section 6.2): "
                    + a.description().map(TlsAlertDescription::meaning).orElse("an unassigned alert") + ".");
        }
        switch (f.outcome()) {
            case REJECTED_ICMP: {
                IcmpError e = f.icmpErrors().get(0);
                String facts = (f.originatorPackets() == 0 ? "" : attempts + ", ") + "answered by " + e;
                String meaning;
                if (e.prohibited()) {
                    meaning = "rejected by a firewall (administratively prohibited)";
                } else if (e.portUnreachable()) {
                    meaning = tcp ? "rejected by a REJECT rule (or a router)"
                            : "nothing listens on the port, or a REJECT rule";
                } else {
                    meaning = "unreachable: " + e.description();
                }
                return new TriageLine(f, src, dst, id, failure, "capture.rejected-icmp", facts, meaning,
                        "An ICMP error quoting this flow's packet came back instead of an answer. A default iptables"
                        + " REJECT answers with port unreachable; for UDP the same error also means no process"
                        + " listens on the port.");
            }
            case REJECTED_RST:
                return new TriageLine(f, src, dst, id, failure, "capture.rejected-rst", attempts + ", answered by RST",
                        "port closed or REJECT with tcp-reset", "The destination (or a firewall rule with"
                        + " --reject-with tcp-reset) answered the SYN with a RST: nothing listens on the port there.");
            case NO_ANSWER:
                return new TriageLine(f, src, dst, id, failure, "capture.no-answer",
                        attempts + ", no answer", "silently dropped", "Nothing came back: a firewall DROP rule on the"
                        + " path (the guest's, the host's or the datacenter's), or the destination is down or"
                        + " unreachable.");
            default:
                break;
        }
        Optional<String> mismatch = protocolMismatch(f, in);
        if (mismatch.isPresent()) {
            return new TriageLine(f, src, dst, id, Severity.ERROR, "capture.protocol-mismatch", mismatch.get(),
                    "the client speaks the wrong protocol for the port", "Plaintext HTTP sent to a TLS port (or TLS"
                    + " sent to a plaintext port) cannot work: fix the scheme in the client's configuration"
                    + " (Traefik service URL, nginx proxy_pass).");
        }
        Optional<String[]> dns = dnsProblem(f);
        if (dns.isPresent()) {
            return new TriageLine(f, src, dst, id, Severity.ERROR, dns.get()[0], dns.get()[1], dns.get()[2],
                    "The DNS server's answer differs from the address the deployment declares for the name: clients"
                    + " resolving it reach the wrong place or nothing.");
        }
        String facts;
        switch (f.outcome()) {
            case COMPLETED:
                facts = tcp ? "connected and closed" : "answered";
                break;
            case ESTABLISHED:
                facts = "connected, open at the end of the capture";
                break;
            case RESET_BY_ORIGINATOR:
                facts = "connected, then reset by the client";
                break;
            case RESET_BY_RESPONDER:
                facts = "connected, then reset by the server";
                break;
            default:
                facts = "only part of the connection was captured";
                break;
        }
        if (f.tls().isPresent() && f.tls().get().established()) {
            facts += ", " + f.tls().get().version() + " handshake completed";
        }
        return new TriageLine(f, src, dst, id, Severity.INFO, "capture.ok", facts, "ok", "");
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String alertMeaning(TlsAlert a, TlsSession t) {
        Side s = a.sender();
        switch (a.description().orElse(TlsAlertDescription.INTERNAL_ERROR)) {
            case UNKNOWN_CA:
                return s == Side.ORIGINATOR ? "the client does not trust the server's certificate authority"
                        : "the server does not trust the client certificate's authority (mTLS)";
            case BAD_CERTIFICATE:
            case CERTIFICATE_EXPIRED:
            case CERTIFICATE_UNKNOWN:
            case UNSUPPORTED_CERTIFICATE:
            case CERTIFICATE_REVOKED:
                return "the " + s.role() + " rejected the " + s.other().role() + "'s certificate ("
                        + a.description().get().meaning() + ")";
            case HANDSHAKE_FAILURE:
                return t.certificateRequested() && s == Side.RESPONDER
                        ? "the server requires a client certificate it did not get or accept"
                        : "no common cipher suite or parameters";
            case CERTIFICATE_REQUIRED:
                return "the server requires a client certificate and none was sent";
            case PROTOCOL_VERSION:
                return "no TLS version both sides support";
            default:
                return a.description().map(TlsAlertDescription::meaning).orElse("unassigned alert " + a.code());
        }
    }

    private static Optional<String> protocolMismatch(Flow f, Optional<IntendedFlow> in) {
        String scheme = in.map(IntendedFlow::scheme).orElse("").toLowerCase(Locale.ROOT);
        boolean tlsPort = scheme.equals("https") || scheme.equals("tls") || (scheme.isEmpty()
                && (f.port() == 443 || f.port() == 8443 || f.port() == 9443));
        for (HttpStartLine h : f.http()) {
            if (h.request() && h.sender() == Side.ORIGINATOR && tlsPort) {
                return Optional.of("plaintext HTTP request '" + h + "' sent to a TLS port");
            }
        }
        if (scheme.equals("http") && f.tls().flatMap(TlsSession::clientHello).isPresent()) {
            return Optional.of("TLS ClientHello sent to a plaintext HTTP port");
        }
        return Optional.empty();
    }

    private Optional<String[]> dnsProblem(Flow f) {
        for (DnsMessage m : f.dns()) {
            if (!m.response() || m.questions().isEmpty()) {
                continue;
            }
            String name = m.questions().get(0).name().toLowerCase(Locale.ROOT);
            String want = expectedAddresses.get(name);
            if (want == null) {
                continue;
            }
            if (m.rcode() == 3) {
                return Optional.of(new String[] {"capture.dns-nxdomain", "DNS " + m.questions().get(0) + " answered NXDOMAIN",
                        "the name does not resolve; the deployment says " + want});
            }
            List<String> got = new ArrayList<>();
            for (DnsRecord r : m.answers()) {
                if (r.type() == 1 || r.type() == 28) {
                    got.add(r.data());
                }
            }
            if (!got.isEmpty() && !got.contains(want)) {
                return Optional.of(new String[] {"capture.dns-mismatch", "DNS " + m.questions().get(0) + " answered "
                        + String.join(", ", got), "wrong address, the deployment says " + want});
            }
        }
        return Optional.empty();
    }

    private Finding finding(TriageLine l) {
        Finding.Builder b = Finding.builder(l.checkId(), l.severity()).title(title(l.checkId()))
                .message(l.sentence() + ". " + l.explanation()).evidence("capture: " + l.flow());
        l.intendedFlowId().ifPresent(b::subject);
        b.subject(l.flow().key().toString());
        return b.build();
    }

    private static String title(String checkId) {
        switch (checkId) {
            case "capture.tls-alert": return "TLS handshake failed on the wire";
            case "capture.rejected-icmp": return "Connection refused with an ICMP error";
            case "capture.rejected-rst": return "Connection refused with a RST";
            case "capture.no-answer": return "Connection attempt got no answer";
            case "capture.protocol-mismatch": return "Wrong protocol for the port";
            case "capture.dns-mismatch": return "DNS answer differs from the deployment";
            case "capture.dns-nxdomain": return "DNS name of the deployment does not resolve";
            default: return "Capture finding";
        }
    }

    private Optional<Finding> chainFinding(Flow f, TriageLine line) {
        if (validator == null || f.tls().isEmpty() || f.tls().get().serverCertificates().isEmpty()) {
            return Optional.empty();
        }
        TlsSession t = f.tls().get();
        Optional<ReferenceIdentity> ref = Optional.empty();
        String sni = t.clientHello().map(c -> c.serverName()).orElse("");
        if (!sni.isEmpty()) {
            try {
                ref = Optional.of(ReferenceIdentity.parse(sni));
            } catch (IllegalArgumentException e) {
                ref = Optional.empty();
            }
        }
        ValidationResult r = validator.validate(t.serverCertificates(), ref);
        if (r.isValid()) {
            return Optional.empty();
        }
        var failure = r.failure().orElseThrow();
        Finding.Builder b = Finding.builder("capture.tls-chain", Severity.ERROR).title("Served certificate chain does not validate")
                .message(line.source() + " -> " + line.destination() + " " + f.protocol() + "/" + f.port()
                        + ": the chain served in the TLS handshake is invalid: " + failure.reason() + ": " + failure.detail())
                .remediation(failure.remediation()).evidence("capture: " + f);
        line.intendedFlowId().ifPresent(b::subject);
        b.subject(f.key().toString());
        return Optional.of(b.build());
    }

    /** Options of a triage; not thread-safe. */
    public static final class Builder {
        private Topology topology;
        private final List<IntendedFlow> intended = new ArrayList<>();
        private final Map<String, String> expected = new LinkedHashMap<>();
        private final List<X509Certificate> anchors = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The deployment's topology (labels, DNS names {@code <guest name>.<domain>} and their addresses) and
         * its intended flows.
         *
         * @param model the analysed deployment
         * @return this builder
         */
        public Builder model(DeploymentModel model) {
            topology(model.topology());
            return intendedFlows(model.flows());
        }

        /**
         * The topology.
         *
         * @param topology the topology
         * @return this builder
         */
        public Builder topology(Topology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
            return this;
        }

        /**
         * Intended flows to join with (replacing earlier ones).
         *
         * @param flows the flows
         * @return this builder
         */
        public Builder intendedFlows(Collection<IntendedFlow> flows) {
            intended.clear();
            intended.addAll(flows);
            return this;
        }

        /**
         * An address a DNS name must resolve to (adds to those from the topology).
         *
         * @param name    the name, e.g. {@code portainer.phoenix.lan}
         * @param address the address, e.g. {@code 10.0.0.101}
         * @return this builder
         */
        public Builder expectedAddress(String name, String address) {
            expected.put(name.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""), address.strip());
            return this;
        }

        /**
         * Trust anchors for validating served TLS 1.2 chains (none: chains are not validated).
         *
         * @param roots the trusted roots, e.g. the Step-CA root
         * @return this builder
         */
        public Builder trustAnchors(Collection<X509Certificate> roots) {
            anchors.addAll(roots);
            return this;
        }

        /**
         * The clock for certificate validity.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the triage.
         *
         * @return the triage
         */
        public CaptureTriage build() {
            return new CaptureTriage(this);
        }
    }
}
