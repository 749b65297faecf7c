package io.phoenixdiag.core.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The kinds of Phoenix JSON files, with their canonical file names.
 */
public enum PhoenixFileKind {
    /** {@code phoenix_hypervisor_config.json}: the host. */
    HYPERVISOR("phoenix_hypervisor_config.json"),
    /** {@code phoenix_lxc_configs.json}: LXC containers by CTID. */
    LXC("phoenix_lxc_configs.json"),
    /** {@code phoenix_vm_configs.json}: VMs. */
    VM("phoenix_vm_configs.json"),
    /** {@code phoenix_stacks_config.json}: docker stacks. */
    STACKS("phoenix_stacks_config.json"),
    /** {@code stacks/<name>/phoenix.json}: one docker stack's own file. */
    STACK("phoenix.json"),
    /** {@code certificate-manifest.json}: certificates the host renews. */
    CERTIFICATE_MANIFEST("certificate-manifest.json");

    private final String fileName;

    PhoenixFileKind(String fileName) {
        this.fileName = fileName;
    }

    /**
     * The canonical file name.
     *
     * @return e.g. {@code phoenix_lxc_configs.json}
     */
    public String fileName() {
        return fileName;
    }

    /**
     * The default schema file name, used when a file names no {@code $schema}.
     *
     * @return {@code <file name without .json>.schema.json}, e.g. {@code phoenix_lxc_configs.schema.json}
     */
    public String defaultSchemaFileName() {
        return fileName.substring(0, fileName.length() - ".json".length()) + ".schema.json";
    }

    /**
     * The kind with a canonical file name.
     *
     * @param fileName a bare file name
     * @return the kind, or empty
     */
    public static Optional<PhoenixFileKind> ofFileName(String fileName) {
        for (PhoenixFileKind k : values()) {
            if (k.fileName.equals(fileName)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * Detects a file's kind from its path: its own name, else its parent directory's name (in
     * {@code phoenix-history/<file name>/<version>.json} the directory names the kind).
     *
     * @param path a file path
     * @return the kind, or empty when neither name is a canonical file name
     */
    public static Optional<PhoenixFileKind> detect(Path path) {
        Path name = path.getFileName();
        Optional<PhoenixFileKind> own = name == null ? Optional.empty() : ofFileName(name.toString());
        if (own.isPresent()) {
            return own;
        }
        Path parent = path.toAbsolutePath().normalize().getParent();
        Path parentName = parent == null ? null : parent.getFileName();
        return parentName == null ? Optional.empty() : ofFileName(parentName.toString());
    }
}
