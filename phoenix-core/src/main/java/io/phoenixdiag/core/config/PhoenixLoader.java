package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Entry point for loading Phoenix JSON: a whole deployment directory with {@link #loadDirectory(Path)}, or
 * one file with the reader of its kind ({@link #HYPERVISOR}, {@link #LXC}, {@link #VM}, {@link #STACKS},
 * {@link #STACK}, {@link #CERTIFICATE_MANIFEST}; see {@link ConfigReader}).
 *
 * <p>Warnings as data: nothing here throws for bad input; every problem is a {@link Finding} in the
 * {@link LoadResult}. Check ids used: {@code config.file-missing} (INFO), {@code config.core-path-used}
 * (INFO), {@code config.unknown-fields} (INFO), {@code config.schema-unavailable} (INFO),
 * {@code config.duplicate-key} (WARNING), {@code config.invalid-value} (WARNING),
 * {@code config.schema-deviation} (WARNING), {@code config.schema-invalid} (WARNING),
 * {@code config.malformed-json} (ERROR), {@code config.unreadable-file} (ERROR),
 * {@code config.unusable-file} (ERROR), {@code config.unknown-file-kind} (ERROR).
 *
 * <p>Thread-safe: all state is per call.
 */
public final class PhoenixLoader {

    /** Reader of {@code phoenix_hypervisor_config.json}. */
    public static final ConfigReader<HypervisorConfig> HYPERVISOR = reader(PhoenixFileKind.HYPERVISOR,
            (name, root, ctx) -> ModelMapper.hypervisor(Fields.of(root, ctx, "hypervisor config")));
    /** Reader of {@code phoenix_lxc_configs.json}. */
    public static final ConfigReader<LxcConfigs> LXC = reader(PhoenixFileKind.LXC,
            (name, root, ctx) -> ModelMapper.lxcConfigs(Fields.of(root, ctx, "LXC configs")));
    /** Reader of {@code phoenix_vm_configs.json}. */
    public static final ConfigReader<VmConfigs> VM = reader(PhoenixFileKind.VM,
            (name, root, ctx) -> ModelMapper.vmConfigs(Fields.of(root, ctx, "VM configs")));
    /** Reader of {@code phoenix_stacks_config.json}. */
    public static final ConfigReader<StacksConfig> STACKS = reader(PhoenixFileKind.STACKS,
            (name, root, ctx) -> ModelMapper.stacksConfig(Fields.of(root, ctx, "stacks config")));
    /** Reader of a stack's {@code stacks/<name>/phoenix.json}; the stack is named after the directory. */
    public static final ConfigReader<DockerStack> STACK = reader(PhoenixFileKind.STACK,
            (name, root, ctx) -> ModelMapper.dockerStack(name, Fields.of(root, ctx, "stack")));
    /** Reader of {@code certificate-manifest.json}. */
    public static final ConfigReader<CertificateManifest> CERTIFICATE_MANIFEST =
            reader(PhoenixFileKind.CERTIFICATE_MANIFEST, (name, root, ctx) -> ModelMapper.manifest(root, ctx));

    private PhoenixLoader() {
    }

    private static <T> ConfigReader<T> reader(PhoenixFileKind kind, ConfigReader.Mapper<T> mapper) {
        return new ConfigReader<>(kind, mapper, Optional.empty());
    }

    /**
     * The reader of a file kind.
     *
     * @param kind the kind
     * @return its reader (the record type is the kind's: {@link HypervisorConfig}, {@link LxcConfigs},
     *     {@link VmConfigs}, {@link StacksConfig}, {@link DockerStack}, {@link CertificateManifest})
     */
    public static ConfigReader<?> reader(PhoenixFileKind kind) {
        switch (kind) {
            case HYPERVISOR:
                return HYPERVISOR;
            case LXC:
                return LXC;
            case VM:
                return VM;
            case STACKS:
                return STACKS;
            case STACK:
                return STACK;
            default:
                return CERTIFICATE_MANIFEST;
        }
    }

    /**
     * Loads one file whose kind is detected from its name or its parent directory's name
     * ({@link PhoenixFileKind#detect(Path)}), as in {@code phoenix-history/<file name>/<version>.json}.
     *
     * @param file the file
     * @return the record (one of the types of {@link #reader(PhoenixFileKind)}; empty when the kind is unknown or
     *     the file cannot be read) and the findings
     * @throws NullPointerException if {@code file} is null
     */
    public static LoadResult<Optional<Object>> loadFile(Path file) {
        Optional<PhoenixFileKind> kind = PhoenixFileKind.detect(file);
        if (kind.isEmpty()) {
            Finding f = Finding.builder("config.unknown-file-kind", Severity.ERROR).title("Unknown Phoenix file")
                    .message("Neither the name of " + file + " nor its directory's name is a Phoenix file name "
                            + "(phoenix_hypervisor_config.json, phoenix_lxc_configs.json, phoenix_vm_configs.json, "
                            + "phoenix_stacks_config.json, phoenix.json, certificate-manifest.json).")
                    .subject(file.toString()).location(Location.ofFile(file.toString())).build();
            return new LoadResult<>(Optional.empty(), List.of(f));
        }
        LoadResult<? extends Optional<?>> r = reader(kind.get()).load(file);
        return new LoadResult<>(r.value().map(v -> (Object) v), r.findings());
    }

    /**
     * Loads every Phoenix file of a deployment directory: {@code phoenix_hypervisor_config.json}, the LXC
     * and VM files (at their {@code core_paths} when those host paths exist here, else the files of the
     * same name in {@code dir}), {@code phoenix_stacks_config.json}, every {@code stacks/<name>/phoenix.json}
     * and {@code certificate-manifest.json}; each validated against its schema in {@code dir}. A missing
     * file is an INFO finding; a broken file is an ERROR finding and an empty part, and the rest still loads.
     *
     * @param dir the deployment directory (its path as given labels the files in findings)
     * @return the deployment and every finding of every file; never throws for bad input
     * @throws NullPointerException if {@code dir} is null
     */
    public static LoadResult<Deployment> loadDirectory(Path dir) {
        List<Finding> findings = new ArrayList<>();
        List<SecretOccurrence> secrets = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            findings.add(Finding.builder("config.unreadable-file", Severity.ERROR).title("Not a directory")
                    .message(dir + " is not a readable directory; nothing was loaded.")
                    .remediation("Pass the directory that holds phoenix_hypervisor_config.json.")
                    .subject(dir.toString()).location(Location.ofFile(dir.toString())).build());
            return new LoadResult<>(new Deployment(dir.toString(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Map.of(), Optional.empty(), List.of()), findings);
        }
        Parts parts = new Parts(dir, findings, secrets);
        Optional<HypervisorConfig> hypervisor = parts.load(HYPERVISOR, dir.resolve(HYPERVISOR.kind().fileName()));
        Map<String, String> corePaths = hypervisor.map(HypervisorConfig::corePaths).orElse(Map.of());
        Optional<LxcConfigs> lxc = parts.load(LXC, parts.resolve(corePaths.get("lxc_config_file"), LXC.kind()));
        Optional<VmConfigs> vms = parts.load(VM, parts.resolve(corePaths.get("vm_config_file"), VM.kind()));
        Optional<StacksConfig> stacks = parts.load(STACKS, dir.resolve(STACKS.kind().fileName()));
        Map<String, DockerStack> manifests = new TreeMap<>();
        for (Path stackFile : stackFiles(dir)) {
            parts.load(STACK, stackFile).ifPresent(s -> manifests.put(s.name(), s));
        }
        Optional<CertificateManifest> certs = parts.load(CERTIFICATE_MANIFEST,
                dir.resolve(CERTIFICATE_MANIFEST.kind().fileName()));
        return new LoadResult<>(new Deployment(dir.toString(), hypervisor, lxc, vms, stacks, manifests, certs, secrets),
                findings);
    }

    private static List<Path> stackFiles(Path dir) {
        Path stacks = dir.resolve("stacks");
        if (!Files.isDirectory(stacks)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(stacks)) {
            return s.map(d -> d.resolve(PhoenixFileKind.STACK.fileName())).filter(Files::isRegularFile).sorted()
                    .collect(java.util.stream.Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Loads the parts of one directory, collecting findings and secrets. */
    private static final class Parts {
        private final Path dir;
        private final List<Finding> findings;
        private final List<SecretOccurrence> secrets;

        Parts(Path dir, List<Finding> findings, List<SecretOccurrence> secrets) {
            this.dir = dir;
            this.findings = findings;
            this.secrets = secrets;
        }

        <T> Optional<T> load(ConfigReader<T> reader, Path file) {
            if (!Files.exists(file)) {
                findings.add(Finding.builder("config.file-missing", Severity.INFO).title("Phoenix file not present")
                        .message(file + " does not exist; the deployment is analysed without it.")
                        .subject(file.toString()).location(Location.ofFile(file.toString())).build());
                return Optional.empty();
            }
            ConfigReader.Loaded<T> loaded = reader.withSchemaDirectory(dir).read(file, file.toString());
            findings.addAll(loaded.findings);
            secrets.addAll(loaded.secrets);
            return loaded.value;
        }

        /**
         * A {@code core_paths} host path when it exists here, else the file of that name in the directory,
         * else the kind's canonical file in the directory.
         */
        Path resolve(String hostPath, PhoenixFileKind kind) {
            Path canonical = dir.resolve(kind.fileName());
            if (hostPath == null || hostPath.isBlank() || hostPath.indexOf('\0') >= 0) {
                return canonical;
            }
            Path host;
            try {
                host = Path.of(hostPath);
            } catch (java.nio.file.InvalidPathException e) {
                return canonical;
            }
            Path inDir = host.getFileName() == null ? canonical : dir.resolve(host.getFileName().toString());
            if (host.isAbsolute() && Files.isRegularFile(host) && !host.equals(inDir.toAbsolutePath())) {
                findings.add(Finding.builder("config.core-path-used", Severity.INFO).title("Using the host path")
                        .message("core_paths names " + hostPath + ", which exists on this machine; it is loaded "
                                + "instead of a file in " + dir + ".")
                        .subject(hostPath).location(Location.ofFile(hostPath)).build());
                return host;
            }
            return Files.exists(inDir) ? inDir : canonical;
        }
    }
}
