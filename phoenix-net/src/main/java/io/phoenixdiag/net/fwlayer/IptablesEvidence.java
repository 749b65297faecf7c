package io.phoenixdiag.net.fwlayer;

import io.phoenixdiag.net.iptables.IptablesSave;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code iptables-save} dumps of the Proxmox node as evidence for a diagnosis
 * ({@code Diagnosis.Builder#evidence(IptablesEvidence.class, ...)}); all dumps are loaded at once (an IPv4
 * and an IPv6 dump, or legacy and nft), as {@link io.phoenixdiag.net.iptables.NetfilterEvaluator} takes them.
 * Immutable and thread-safe.
 *
 * @param dumps      the parsed dumps, not empty
 * @param hostBridge the host bridge guests and external addresses use where the model names none, e.g. {@code vmbr0}
 */
public record IptablesEvidence(List<IptablesSave> dumps, String hostBridge) {
    /**
     * Validates and copies the components.
     *
     * @param dumps      the dumps
     * @param hostBridge the host bridge
     * @throws IllegalArgumentException if {@code dumps} is empty or {@code hostBridge} is empty
     */
    public IptablesEvidence {
        dumps = List.copyOf(dumps);
        Objects.requireNonNull(hostBridge, "hostBridge");
        if (dumps.isEmpty() || hostBridge.isEmpty()) {
            throw new IllegalArgumentException("at least one dump and a host bridge are required");
        }
    }

    /**
     * Reads dump files, with host bridge {@code vmbr0}.
     *
     * @param files the files ({@code iptables-save}, {@code ip6tables-save} output)
     * @return the evidence
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if {@code files} is empty
     */
    public static IptablesEvidence read(List<Path> files) throws IOException {
        List<IptablesSave> dumps = new java.util.ArrayList<>();
        for (Path f : files) {
            dumps.add(IptablesSave.parse(f));
        }
        return new IptablesEvidence(dumps, "vmbr0");
    }

    /**
     * The file names, joined for messages.
     *
     * @return e.g. {@code iptables.rules, ip6tables.rules}
     */
    public String source() {
        return String.join(", ", dumps.stream().map(IptablesSave::source).toList());
    }
}
