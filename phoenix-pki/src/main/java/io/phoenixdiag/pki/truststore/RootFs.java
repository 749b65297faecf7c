package io.phoenixdiag.pki.truststore;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A root filesystem to inspect offline, such as the host {@code /}, an LXC container's
 * {@code /var/lib/lxc/102/rootfs} or a mounted subvolume, with a label naming it in findings.
 *
 * <p>Paths are resolved <em>inside</em> the root the way the kernel would resolve them after
 * {@code chroot(2)} (path_resolution(7)): an absolute symbolic link target restarts at the root, never at
 * the inspecting machine's {@code /}; {@code ..} never climbs above the root; at most
 * {@value #MAX_SYMLINKS} symbolic links are followed per lookup ({@code ELOOP} in Linux). Immutable and
 * thread-safe.
 *
 * @param root  the directory that plays {@code /}; absolute and normalised by the factory
 * @param label the subject naming this tree in findings, such as {@code host} or {@code lxc:102}
 */
public record RootFs(Path root, String label) {
    /** Maximum number of symbolic links followed in one lookup (Linux's limit, path_resolution(7)). */
    public static final int MAX_SYMLINKS = 40;

    /**
     * Validates and normalises the components.
     *
     * @param root  the root directory
     * @param label the label
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if {@code label} is blank
     */
    public RootFs {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        root = root.toAbsolutePath().normalize();
    }

    /**
     * A root filesystem with a label.
     *
     * @param root  the directory that plays {@code /}
     * @param label the subject used in findings, such as {@code lxc:102}
     * @return the root filesystem
     */
    public static RootFs of(Path root, String label) {
        return new RootFs(root, label);
    }

    /**
     * The machine this JVM runs on, labelled {@code host}.
     *
     * @return the root filesystem {@code /}
     */
    public static RootFs host() {
        return new RootFs(Path.of("/"), "host");
    }

    /**
     * Resolves a path inside the root, following every symbolic link (including the last component)
     * with chroot semantics. Components that do not exist are kept as they are.
     *
     * @param path a path as seen inside the root, such as {@code /etc/ssl/certs/ca-certificates.crt}
     *             (relative paths are taken from the root)
     * @return the path on the inspecting machine; always under {@link #root()}
     * @throws IOException if a symbolic link cannot be read or more than {@value #MAX_SYMLINKS} links are met
     */
    public Path resolve(String path) throws IOException {
        return root.resolve(String.join("/", walk(path, true)));
    }

    /**
     * Resolves a path like {@link #resolve(String)} but does not follow a symbolic link in the last component.
     *
     * @param path a path as seen inside the root
     * @return the path on the inspecting machine; always under {@link #root()}
     * @throws IOException if a symbolic link cannot be read or there are too many
     */
    public Path resolveNoFollow(String path) throws IOException {
        return root.resolve(String.join("/", walk(path, false)));
    }

    /**
     * The path of a file of this tree as seen inside the root.
     *
     * @param hostPath a path under {@link #root()}
     * @return for example {@code /etc/ssl/certs/ca-certificates.crt}; the path unchanged when outside the root
     */
    public String inside(Path hostPath) {
        Path p = hostPath.toAbsolutePath().normalize();
        if (!p.startsWith(root)) {
            return p.toString();
        }
        return "/" + root.relativize(p).toString().replace('\\', '/');
    }

    /**
     * Describes a path for evidence: the in-root path followed by the label, e.g. {@code /etc/ssl/certs in lxc:102}.
     *
     * @param inRootPath a path inside the root
     * @return the description
     */
    public String describe(String inRootPath) {
        return inRootPath + " in " + label;
    }

    private List<String> walk(String path, boolean followLast) throws IOException {
        Deque<String> pending = new ArrayDeque<>(components(path));
        List<String> current = new ArrayList<>();
        int hops = 0;
        while (!pending.isEmpty()) {
            String c = pending.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!current.isEmpty()) {
                    current.remove(current.size() - 1);
                }
                continue;
            }
            current.add(c);
            Path host = root.resolve(String.join("/", current));
            boolean last = pending.isEmpty();
            if ((followLast || !last) && Files.isSymbolicLink(host)) {
                if (++hops > MAX_SYMLINKS) {
                    throw new FileSystemException(describe("/" + String.join("/", current)), null,
                            "more than " + MAX_SYMLINKS + " symbolic links (ELOOP)");
                }
                String target = Files.readSymbolicLink(host).toString();
                current.remove(current.size() - 1);
                if (target.startsWith("/")) {
                    current.clear();
                }
                List<String> t = components(target);
                for (int i = t.size() - 1; i >= 0; i--) {
                    pending.addFirst(t.get(i));
                }
            }
        }
        return current;
    }

    private static List<String> components(String path) {
        return List.of(path.split("/", -1));
    }
}
