package io.phoenixdiag.examples.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.IntendedFlow;
import io.phoenixdiag.examples.doctor.SampleDeployment;
import io.phoenixdiag.net.live.LiveMatrix;
import io.phoenixdiag.net.live.LiveTarget;
import io.phoenixdiag.pki.cert.CertificateBuilder;
import io.phoenixdiag.pki.cert.IssuedCertificate;
import io.phoenixdiag.pki.cert.IssuedChain;
import io.phoenixdiag.pki.stepca.StepCaStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded demo lab: a small Phoenix look-alike started in this process on loopback addresses
 * ({@code 127.0.0.x}) and ephemeral unprivileged ports, so it works as non-root and touches no other network.
 *
 * <p>Its deployment description ({@link #directory()}) is the bundled sample deployment with an authoritative DNS
 * zone added, written to a temporary directory; {@link #extraFlows()} adds one flow the lab needs. Its services,
 * mapped from the deployment's endpoints by {@link #resolver()} (see {@link #portMap()}):
 * <ul>
 *   <li>Step-CA ({@code lxc:103} tcp/9000): the {@link StepCaStandIn} (HTTPS {@code /health}, {@code /roots.pem},
 *       {@code /root/{sha256}}) whose root and intermediate come from phoenix-pki's {@link CertificateBuilder};</li>
 *   <li>the gateway ({@code lxc:101}): HTTPS on 443 with a good chain, plain HTTP on 80;</li>
 *   <li>the router ({@code lxc:102}): HTTPS on 443 that omits its intermediate; nothing listens on 80 (refused);</li>
 *   <li>the Portainer server ({@code vm:1001}) tcp/9443: plain HTTP on a TLS port;</li>
 *   <li>the Portainer agent ({@code vm:1002}) tcp/9001: HTTPS with an expired leaf;</li>
 *   <li>the host's DNS (udp/53): a Netty DNS server where {@code apps.phoenix.lab.example} resolves to the
 *       gateway's address instead of {@code vm:1002}'s, and a wildcard answers every other name under the domain
 *       with the gateway's address; tcp/53 accepts;</li>
 *   <li>the host's NFS (tcp/2049): a port that never answers (a listener whose accept queue is full).</li>
 * </ul>
 * The lab has no firewall, so flows the configuration blocks answer: the live layer disagrees on purpose.
 *
 * <p>Threading: {@link #start()} and {@link #close()} from one thread; the accessors are thread-safe.
 */
public final class DemoLab implements AutoCloseable {
    /** The lab's DNS domain (the sample deployment's {@code domain_name}). */
    public static final String DOMAIN = "phoenix.lab.example";

    private final LabServers servers = new LabServers();
    private final List<LabEndpoint> endpoints = new ArrayList<>();
    private StepCaStandIn ca;
    private IssuedCertificate root;
    private Path directory;

    private DemoLab() {
    }

    /**
     * Starts the lab: certificates, servers and the deployment description.
     *
     * @return the running lab; close it to stop every server and delete the description
     * @throws IOException if a loopback port cannot be bound or the description cannot be written
     */
    public static DemoLab start() throws IOException {
        DemoLab lab = new DemoLab();
        try {
            lab.startAll();
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        } catch (InterruptedException e) {
            lab.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the demo lab", e);
        } catch (GeneralSecurityException e) {
            lab.close();
            throw new IOException("cannot set up the demo lab's TLS: " + e.getMessage(), e);
        }
    }

    private void startAll() throws IOException, InterruptedException, GeneralSecurityException {
        Instant now = Instant.now();
        root = CertificateBuilder.root("Phoenix Lab Root CA").validity(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650))).build();
        IssuedCertificate inter = CertificateBuilder.intermediate("Phoenix Lab Intermediate CA", root)
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825))).build();
        List<X509Certificate> inters = List.of(inter.certificate());

        IssuedCertificate caLeaf = leaf(inter, "ca." + DOMAIN, now, false);
        ca = StepCaStandIn.start(new IssuedChain(root, List.of(inter), caLeaf),
                new InetSocketAddress(LabServers.loopback("127.0.0.10"), 0));
        add("lxc:103", "tcp", 9000, ca.address(), "ca." + DOMAIN, "Step-CA stand-in (HTTPS /health, /roots.pem,"
                + " /root/{sha256})", "");

        add("lxc:101", "tcp", 443, servers.https("127.0.0.11", leaf(inter, "gateway." + DOMAIN, now, false), inters),
                "gateway." + DOMAIN, "gateway HTTPS", "");
        add("lxc:101", "tcp", 80, servers.http("127.0.0.11"), "", "gateway HTTP", "");
        add("lxc:102", "tcp", 443, servers.https("127.0.0.12", leaf(inter, "router." + DOMAIN, now, false), List.of()),
                "router." + DOMAIN, "router HTTPS", "the server omits its intermediate");
        add("lxc:102", "tcp", 80, servers.refusing("127.0.0.12"), "", "router HTTP", "nothing listens (refused)");
        add("vm:1001", "tcp", 9443, servers.http("127.0.0.111"), "portainer." + DOMAIN, "Portainer server",
                "plain HTTP on a TLS port");
        add("vm:1002", "tcp", 9001, servers.https("127.0.0.112", leaf(inter, "apps." + DOMAIN, now, true), inters),
                "apps." + DOMAIN, "Portainer agent HTTPS", "expired leaf certificate");
        Map<String, String> names = new LinkedHashMap<>();
        names.put("gateway." + DOMAIN, "192.0.2.153");
        names.put("apps." + DOMAIN, "192.0.2.153");
        add("host", "udp", 53, servers.dns("127.0.0.20", names, DOMAIN, "192.0.2.153"), "", "DNS server",
                "apps." + DOMAIN + " resolves to the gateway (192.0.2.153), not vm:1002 (192.0.2.112); a wildcard"
                        + " sends every other name under " + DOMAIN + " to the gateway");
        add("host", "tcp", 53, servers.http("127.0.0.20"), "", "DNS over TCP (accepts)", "");
        add("host", "tcp", 2049, servers.neverAnswers("127.0.0.20"), "", "NFS",
                "never answers (full accept queue)");
        directory = writeDeployment();
    }

    private static IssuedCertificate leaf(IssuedCertificate issuer, String name, Instant now, boolean expired) {
        CertificateBuilder b = CertificateBuilder.leaf(issuer, name);
        return (expired ? b.validity(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(1)))
                : b.validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(60)))).build();
    }

    private void add(String subject, String protocol, int port, InetSocketAddress at, String serverName, String what,
                     String fault) {
        endpoints.add(new LabEndpoint(subject, protocol, port, at, serverName, what, fault));
    }

    private Path writeDeployment() throws IOException {
        Path dir = Files.createTempDirectory("phoenix-demo-lab");
        Path sample = SampleDeployment.open();
        try (Stream<Path> s = Files.walk(sample)) {
            for (Path p : s.sorted().toList()) {
                Path to = dir.resolve(sample.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Path hv = dir.resolve("phoenix_hypervisor_config.json");
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode config = (ObjectNode) mapper.readTree(hv.toFile());
        ObjectNode dns = config.with("dns_server");
        ArrayNode zones = dns.putArray("authoritative_zones");
        ObjectNode zone = zones.addObject().put("zone_name", DOMAIN);
        ArrayNode records = zone.putArray("records");
        records.addObject().put("hostname", "gateway").put("ip", "192.0.2.153");
        records.addObject().put("hostname", "apps").put("ip", "192.0.2.112");
        mapper.writeValue(hv.toFile(), config);
        return dir;
    }

    /**
     * The deployment description the lab matches (a temporary directory, deleted by {@link #close()}).
     *
     * @return the directory holding the Phoenix JSON files
     */
    public Path directory() {
        return directory;
    }

    /**
     * Flows the lab adds to the deployment's inferred ones: {@code lxc:101->lxc:102/tcp/443} (the gateway proxies
     * to the router over TLS), which the sample's firewall does not allow.
     *
     * @return the flows
     */
    public List<IntendedFlow> extraFlows() {
        return List.of(IntendedFlow.of(Endpoint.lxc(101), Endpoint.lxc(102), "tcp", 443, "https",
                "The gateway proxies to the router over TLS (demo lab)", List.of(), true));
    }

    /**
     * The lab's services, in start order.
     *
     * @return the endpoints
     */
    public List<LabEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /**
     * Maps a flow's destination and port to the lab service serving it; flows the lab does not serve resolve to
     * empty (they are listed as not run).
     *
     * @return the resolver
     */
    public LiveMatrix.TargetResolver resolver() {
        List<LabEndpoint> all = endpoints();
        return (flow, topology) -> {
            Optional<LabEndpoint> e = all.stream().filter(x -> x.subject().equals(flow.destination().subject())
                    && x.protocol().equals(flow.protocol()) && x.port() == flow.port()).findFirst();
            return e.map(x -> new LiveTarget(x.address().getAddress().getHostAddress(), x.address().getPort(),
                    x.serverName()));
        };
    }

    /**
     * The lab's trust anchor: its Step-CA root.
     *
     * @return the root certificate, in a one-element list
     */
    public List<X509Certificate> trustAnchors() {
        return List.of(root.certificate());
    }

    /**
     * The port map, one line per service: declared endpoint, lab address, what runs there and its fault.
     *
     * @return the text, ending with a newline
     */
    public String portMap() {
        StringBuilder sb = new StringBuilder("Phoenix demo lab (loopback only; no firewall, so flows the configuration"
                + " blocks answer):\n");
        for (LabEndpoint e : endpoints) {
            sb.append(String.format("  %-8s %s/%-5d -> %-21s %s%s%n", e.subject(), e.protocol(), e.port(),
                    e.labAddress(), e.what(), e.fault().isEmpty() ? "" : "  [fault: " + e.fault() + "]"));
        }
        sb.append("  deployment description: ").append(directory).append('\n');
        return sb.toString();
    }

    /** Stops every server and deletes the deployment description. Idempotent. */
    @Override
    public void close() {
        if (ca != null) {
            ca.close();
        }
        servers.close();
        if (directory != null) {
            try (Stream<Path> s = Files.walk(directory)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                // a temporary directory left behind is harmless
            }
            directory = null;
        }
    }
}
