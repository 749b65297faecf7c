package io.phoenixdiag.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.analysis.Diagnosis;
import io.phoenixdiag.core.config.Deployment;
import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.config.PhoenixLoader;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Small Phoenix deployments written in code, and the shared reference data. JSON snippets use single
 * quotes, turned into double quotes by {@link #j(String)}.
 */
public final class Fixtures {
    /** The host address of every fixture deployment. */
    public static final String HOST = "10.0.0.13";

    private Fixtures() {
    }

    /**
     * JSON with single quotes.
     *
     * @param s JSON written with {@code '}
     * @return the same with {@code "}
     */
    public static String j(String s) {
        return s.replace('\'', '"');
    }

    /**
     * {@code ../shared} (system property {@code phoenix.shared}); skips when absent unless CI=true.
     *
     * @return the directory
     */
    public static Path shared() {
        Path shared = Path.of(System.getProperty("phoenix.shared", "../../shared"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isDirectory(shared), "CI needs the shared data at " + shared.toAbsolutePath());
        } else {
            Assumptions.assumeTrue(Files.isDirectory(shared), "no shared data at " + shared.toAbsolutePath());
        }
        return shared;
    }

    /**
     * The real deployment.
     *
     * @return {@code ../shared/reference/phoenix}
     */
    public static Path reference() {
        return shared().resolve("reference/phoenix");
    }

    /**
     * A hypervisor config with the host at {@link #HOST}/24.
     *
     * @param firewall the {@code shared_volumes.firewall} object, or {@code null} for none
     * @param extra    further top-level members (JSON with single quotes, no leading comma), or ""
     * @return the file text
     */
    public static String hypervisor(String firewall, String extra) {
        return hypervisor(firewall, "", extra);
    }

    /**
     * A hypervisor config with the host at {@link #HOST}/24 and shared volumes.
     *
     * @param firewall      the {@code shared_volumes.firewall} object, or {@code null} for none
     * @param sharedVolumes further members of {@code shared_volumes}, or ""
     * @param extra         further top-level members (JSON with single quotes, no leading comma), or ""
     * @return the file text
     */
    public static String hypervisor(String firewall, String sharedVolumes, String extra) {
        List<String> volumes = new java.util.ArrayList<>();
        if (firewall != null) {
            volumes.add("'firewall': " + firewall);
        }
        if (!sharedVolumes.isEmpty()) {
            volumes.add(sharedVolumes);
        }
        return j("{'domain_name': 'internal.example', 'network': {'interfaces': {'name': 'vmbr0', 'address': '"
                + HOST + "/24', 'gateway': '10.0.0.1'}}, 'shared_volumes': {" + String.join(", ", volumes) + "}"
                + (extra.isEmpty() ? "" : ", " + extra) + "}");
    }

    /**
     * An enabled global firewall.
     *
     * @param rules the rules array members, or ""
     * @return the firewall object
     */
    public static String globalFirewall(String rules) {
        return "{'enabled': true, 'default_input_policy': 'DROP', 'default_output_policy': 'ACCEPT',"
                + " 'global_firewall_rules': [" + rules + "]}";
    }

    /**
     * An LXC container member of {@code lxc_configs}, started at boot, with nameserver {@link #HOST}.
     *
     * @param ctid  the CTID
     * @param name  the name
     * @param ip    its address without prefix, or "" for none
     * @param extra further members, or ""
     * @return {@code "ctid": {...}}
     */
    public static String lxc(int ctid, String name, String ip, String extra) {
        return "'" + ctid + "': {'name': '" + name + "', 'start_at_boot': true, 'network_config': {'name': 'eth0',"
                + " 'bridge': 'vmbr0'" + (ip.isEmpty() ? "" : ", 'ip': '" + ip + "/24', 'gw': '10.0.0.1', 'nameservers': '"
                + HOST + "'") + "}" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    /**
     * The LXC file.
     *
     * @param containers members made by {@link #lxc}
     * @return the file text
     */
    public static String lxcFile(String... containers) {
        return j("{'lxc_configs': {" + String.join(", ", containers) + "}}");
    }

    /**
     * A VM of {@code vms}, started at boot, with nameserver {@link #HOST}.
     *
     * @param vmid  the VMID
     * @param name  the name
     * @param ip    its address without prefix, or "" for DHCP
     * @param extra further members, or ""
     * @return the VM object
     */
    public static String vm(int vmid, String name, String ip, String extra) {
        return "{'vmid': " + vmid + ", 'name': '" + name + "', 'start_at_boot': true, 'network_config': {'ip': '"
                + (ip.isEmpty() ? "dhcp" : ip + "/24") + "', 'gw': '10.0.0.1', 'nameserver': '" + HOST + "'}"
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    /**
     * The VM file.
     *
     * @param vms objects made by {@link #vm}
     * @return the file text
     */
    public static String vmFile(String... vms) {
        return j("{'vms': [" + String.join(", ", vms) + "]}");
    }

    /**
     * A guest firewall.
     *
     * @param enabled whether on
     * @param rules   the rules array members, or ""
     * @return {@code 'firewall': {...}}
     */
    public static String firewall(boolean enabled, String rules) {
        return "'firewall': {'enabled': " + enabled + ", 'rules': [" + rules + "]}";
    }

    /**
     * One rule.
     *
     * @param type   in or out
     * @param action ACCEPT, DROP...
     * @param peer   source (in) or dest (out), or ""
     * @param proto  tcp or udp
     * @param port   the port spec
     * @return the rule object
     */
    public static String rule(String type, String action, String peer, String proto, String port) {
        String field = type.equals("in") ? "source" : "dest";
        return "{'type': '" + type + "', 'action': '" + action + "'" + (peer.isEmpty() ? "" : ", '" + field + "': '"
                + peer + "'") + ", 'proto': '" + proto + "', 'port': '" + port + "'}";
    }

    /**
     * Starts a deployment directory.
     *
     * @param dir an empty directory
     * @return the writer
     */
    public static Dir in(Path dir) {
        return new Dir(dir);
    }

    /**
     * Runs one check on a model through the public {@link Check} API.
     *
     * @param check the check
     * @param model the model
     * @return its findings
     */
    public static List<Finding> run(Check check, DeploymentModel model) {
        return check.run(CheckContext.builder().put(DeploymentModel.class, model).build());
    }

    /** Writes Phoenix files into a directory and loads them. */
    public static final class Dir {
        private final Path dir;

        Dir(Path dir) {
            this.dir = dir;
        }

        /**
         * The directory.
         *
         * @return it
         */
        public Path path() {
            return dir;
        }

        /**
         * The label the loader gives a file of this directory.
         *
         * @param name the file name
         * @return {@code dir/name}
         */
        public String file(String name) {
            return dir.resolve(name).toString();
        }

        /**
         * Writes a file (JSON with single quotes is converted).
         *
         * @param name the relative path
         * @param text the content
         * @return this
         */
        public Dir write(String name, String text) {
            try {
                Path p = dir.resolve(name);
                Files.createDirectories(p.getParent());
                Files.writeString(p, j(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /**
         * Writes {@code phoenix_hypervisor_config.json}.
         *
         * @param text the content
         * @return this
         */
        public Dir hypervisor(String text) {
            return write("phoenix_hypervisor_config.json", text);
        }

        /**
         * Writes {@code phoenix_lxc_configs.json}.
         *
         * @param containers members made by {@link Fixtures#lxc}
         * @return this
         */
        public Dir lxc(String... containers) {
            return write("phoenix_lxc_configs.json", lxcFile(containers));
        }

        /**
         * Writes {@code phoenix_vm_configs.json}.
         *
         * @param vms objects made by {@link Fixtures#vm}
         * @return this
         */
        public Dir vms(String... vms) {
            return write("phoenix_vm_configs.json", vmFile(vms));
        }

        /**
         * Writes {@code certificate-manifest.json}.
         *
         * @param entries the entries
         * @return this
         */
        public Dir manifest(String... entries) {
            return write("certificate-manifest.json", "[" + String.join(", ", entries) + "]");
        }

        /**
         * Loads the directory, writing a default hypervisor config first when none was written.
         *
         * @return the load result
         */
        public LoadResult<Deployment> load() {
            if (!Files.exists(dir.resolve("phoenix_hypervisor_config.json"))) {
                hypervisor(Fixtures.hypervisor(globalFirewall(""), ""));
            }
            return PhoenixLoader.loadDirectory(dir);
        }

        /**
         * A diagnosis builder on the loaded directory.
         *
         * @return the builder
         */
        public Diagnosis.Builder diagnosis() {
            return Diagnosis.builder().deployment(load());
        }

        /**
         * The analysed model.
         *
         * @return the model
         */
        public DeploymentModel model() {
            return diagnosis().build().analyse();
        }
    }
}
