package io.phoenixdiag.core.evidence;

import io.phoenixdiag.core.config.LoadResult;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Report;
import io.phoenixdiag.core.diag.ReportFormatException;
import io.phoenixdiag.core.diag.ReportJson;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.firewall.GuestKind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An evidence archive written by {@code phoenix-collect.sh} (a tar.gz; a plain tar, a zip or an already
 * unpacked directory are read too), unpacked into a private temporary directory and laid out as:
 * <pre>
 * MANIFEST                      see {@link EvidenceManifest}
 * phoenix/                      the Phoenix JSON files (secrets masked)
 * pve/                          firewall/*.fw, nodes/&lt;node&gt;/host.fw, lxc/*.conf, qemu-server/*.conf
 * netfilter/                    iptables-legacy-save.txt, iptables-nft-save.txt, nft-ruleset.txt
 * rootfs/host/, rootfs/lxc-ID/  certificates and trust stores at their own paths
 * keys/private-keys.tsv         path, mode, owner, public-key SHA-256 of each key file
 * step/host/defaults.json, step/lxc-ID/defaults.json
 * kernel/kernel-log.txt         kernel lines with netfilter LOG fields
 * clock/clock.tsv               subject TAB seconds since the epoch
 * </pre>
 * (all under one top directory {@code phoenix-evidence/}, or at the archive's root).
 *
 * <p>Unpacking is defensive: entries with absolute paths or {@code ..} and entries that are not regular
 * files or directories (links, devices) are skipped with an {@code evidence.archive} WARNING; more than
 * {@value #MAX_ENTRIES} entries or {@value #MAX_BYTES} bytes unpacked stop it with an
 * {@link EvidenceArchiveException}. What the archive lacks or holds in a bad form is reported as findings
 * ({@link #findings()}), never thrown. Close the archive to delete the temporary directory.
 *
 * <p>Paths inside the temporary directory appear in what other readers report; {@link #relabel(Report)}
 * replaces them with {@code <archive name>!} so a report names files as {@code evidence.tar.gz!/pve/firewall/103.fw}
 * and is the same on every run. Not thread-safe while open; the values it returns are immutable.
 */
public final class EvidenceArchive implements AutoCloseable {
    /** The most entries an archive may hold. */
    public static final int MAX_ENTRIES = 100_000;
    /** The most bytes an archive may unpack to (1 GiB). */
    public static final long MAX_BYTES = 1L << 30;

    private static final Pattern GUEST_CONF = Pattern.compile("^(\\d{1,9})\\.conf$");
    private static final Pattern CLOCK = Pattern.compile("^(host|(?:lxc|vm):\\d{1,9})\\t(-?\\d{1,15})$");

    private final String label;
    private final Path temp;
    private final Path root;
    private final List<Finding> findings;
    private final CollectedEvidence collected;

    private EvidenceArchive(String label, Path temp, Path root, List<Finding> unpackFindings) throws IOException {
        this.label = label;
        this.temp = temp;
        this.root = root;
        List<Finding> out = new ArrayList<>(unpackFindings);
        Path manifestFile = root.resolve("MANIFEST");
        EvidenceManifest manifest;
        if (Files.isRegularFile(manifestFile)) {
            LoadResult<EvidenceManifest> m = EvidenceManifest.parse(Files.readString(manifestFile, StandardCharsets.UTF_8),
                    manifestFile.toString());
            manifest = m.value();
            out.addAll(m.findings());
        } else {
            manifest = new EvidenceManifest(0, "", java.util.OptionalLong.empty(), "", List.of());
            out.add(archiveFinding(Severity.WARNING, "no MANIFEST", label + " has no MANIFEST: it was not written by"
                    + " phoenix-collect.sh, so what is missing from it cannot be told apart from what the host lacks.",
                    root.toString()));
        }
        Map<String, List<EvidenceManifest.Item>> notCollected = new LinkedHashMap<>();
        for (EvidenceManifest.Item i : manifest.items()) {
            if (i.note().startsWith("withheld") || i.note().startsWith("failed") || i.note().startsWith("pct exec failed")) {
                notCollected.computeIfAbsent(i.kind(), k -> new ArrayList<>()).add(i);
            }
        }
        notCollected.forEach((kind, items) -> out.add(archiveFinding(Severity.INFO, kind + " not collected: "
                + items.size() + " item(s)", "The collector did not store " + String.join("; ", items.stream()
                .map(i -> i.origin() + " (" + i.note() + ")").toList()) + ".", manifestFile.toString(), items.get(0).line())));
        Map<Integer, GuestConfig> guests = new TreeMap<>();
        for (String dir : List.of("lxc", "qemu-server")) {
            GuestKind kind = dir.equals("lxc") ? GuestKind.LXC : GuestKind.VM;
            for (Path f : list(root.resolve("pve").resolve(dir))) {
                Matcher m = GUEST_CONF.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                LoadResult<GuestConfig> g = GuestConfig.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(),
                        kind, Integer.parseInt(m.group(1)));
                out.addAll(g.findings());
                if (guests.putIfAbsent(g.value().vmid(), g.value()) != null) {
                    out.add(archiveFinding(Severity.WARNING, "two configs for guest " + g.value().vmid(), "Guest "
                            + g.value().vmid() + " has a config in both lxc/ and qemu-server/; " + f + " is ignored.",
                            f.toString()));
                }
            }
        }
        List<CollectedEvidence.ClockReading> clocks = new ArrayList<>();
        Path clockFile = root.resolve("clock").resolve("clock.tsv");
        readLines(clockFile, (n, line) -> {
            Matcher m = CLOCK.matcher(line);
            if (m.matches()) {
                clocks.add(new CollectedEvidence.ClockReading(m.group(1), Long.parseLong(m.group(2)), n));
            } else if (!line.isBlank()) {
                out.add(archiveFinding(Severity.WARNING, "malformed clock reading", "Line " + n + " of " + clockFile
                        + " is not 'subject<TAB>seconds'; it is skipped.", clockFile.toString(), n));
            }
        });
        List<CollectedEvidence.KeyFileInfo> keys = new ArrayList<>();
        Path keyFile = root.resolve("keys").resolve("private-keys.tsv");
        readLines(keyFile, (n, line) -> {
            String[] f = line.split("\t", -1);
            if (n == 1 && line.startsWith("path\t")) {
                return;
            }
            if (f.length == 4 && f[0].startsWith("/")) {
                keys.add(new CollectedEvidence.KeyFileInfo(f[0], f[1], f[2], f[3].toLowerCase(java.util.Locale.ROOT), n));
            } else if (!line.isBlank()) {
                out.add(archiveFinding(Severity.WARNING, "malformed key record", "Line " + n + " of " + keyFile
                        + " is not 'path<TAB>mode<TAB>owner<TAB>sha256'; it is skipped.", keyFile.toString(), n));
            }
        });
        this.findings = List.copyOf(out);
        this.collected = new CollectedEvidence(label, manifest, guests, clocks, keys,
                Optional.of(root.resolve("rootfs").resolve("host")).filter(Files::isDirectory), findings);
    }

    /**
     * Unpacks an archive (tar.gz, tar or zip, told apart by their first bytes) or opens an unpacked directory.
     *
     * @param archive the archive file, or a directory holding {@code MANIFEST} (or {@code phoenix-evidence/MANIFEST})
     * @return the opened archive; close it to delete the unpacked copy
     * @throws EvidenceArchiveException if the file is none of these formats, is truncated, or exceeds the limits
     * @throws IOException if the file cannot be read or the temporary directory cannot be written
     */
    public static EvidenceArchive open(Path archive) throws IOException {
        Objects.requireNonNull(archive, "archive");
        String label = archive.getFileName() == null ? archive.toString() : archive.getFileName().toString();
        if (Files.isDirectory(archive)) {
            return new EvidenceArchive(label, null, top(archive), List.of());
        }
        if (!Files.isRegularFile(archive)) {
            throw new EvidenceArchiveException(archive + ": no such file");
        }
        Path temp = Files.createTempDirectory("phoenix-evidence");
        try {
            List<Finding> f = unpack(archive, label, temp);
            return new EvidenceArchive(label, temp, top(temp), f);
        } catch (IOException | RuntimeException e) {
            delete(temp);
            throw e;
        }
    }

    private static Path top(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("MANIFEST"))) {
            return dir;
        }
        List<Path> children = list(dir);
        if (children.size() == 1 && Files.isDirectory(children.get(0))
                && (Files.isRegularFile(children.get(0).resolve("MANIFEST"))
                || children.get(0).getFileName().toString().equals("phoenix-evidence"))) {
            return children.get(0);
        }
        return dir;
    }

    private static List<Finding> unpack(Path archive, String label, Path into) throws IOException {
        List<Finding> out = new ArrayList<>();
        long[] budget = {MAX_BYTES};
        int count = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            raw.mark(512);
            byte[] head = raw.readNBytes(262);
            raw.reset();
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
                    count = untar(tar, archive, label, into, budget, out);
                }
            } else if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                try (ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8)) {
                    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        if (++count > MAX_ENTRIES) {
                            throw new EvidenceArchiveException(archive + ": more than " + MAX_ENTRIES + " entries");
                        }
                        store(e.getName(), e.isDirectory(), true, zip, archive, label, into, budget, out);
                    }
                }
            } else if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
                try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
                    count = untar(tar, archive, label, into, budget, out);
                }
            } else {
                throw new EvidenceArchiveException(archive + ": not an evidence archive (expected a tar.gz written by"
                        + " phoenix-collect.sh, a tar or a zip file)");
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new EvidenceArchiveException(archive + ": damaged or truncated archive (" + e.getMessage() + ")");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (count == 0) {
            throw new EvidenceArchiveException(archive + ": the archive is empty");
        }
        return out;
    }

    private static int untar(TarArchiveInputStream tar, Path archive, String label, Path into, long[] budget,
                             List<Finding> out) throws IOException {
        int count = 0;
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            if (++count > MAX_ENTRIES) {
                throw new EvidenceArchiveException(archive + ": more than " + MAX_ENTRIES + " entries");
            }
            boolean regular = e.isFile() && !e.isSymbolicLink() && !e.isLink() && !e.isCharacterDevice()
                    && !e.isBlockDevice() && !e.isFIFO();
            Path stored = store(e.getName(), e.isDirectory(), regular, tar, archive, label, into, budget, out);
            if (stored != null) {
                restoreMode(stored, e.getMode());
            }
        }
        return count;
    }

    /** Gives an unpacked file the permission bits the collector kept (setuid, setgid and sticky bits dropped). */
    private static void restoreMode(Path file, int mode) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms =
                java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
        java.nio.file.attribute.PosixFilePermission[] bits = java.nio.file.attribute.PosixFilePermission.values();
        for (int i = 0; i < 9; i++) { // OWNER_READ is bit 8 (0400) ... OTHERS_EXECUTE bit 0 (0001)
            if ((mode & (1 << (8 - i))) != 0) {
                perms.add(bits[i]);
            }
        }
        perms.add(java.nio.file.attribute.PosixFilePermission.OWNER_READ);
        Files.setPosixFilePermissions(file, perms);
    }

    private static Path store(String name, boolean directory, boolean file, InputStream in, Path archive, String label,
                              Path into, long[] budget, List<Finding> out) throws IOException {
        Path target = into.resolve(name).normalize();
        if (name.startsWith("/") || name.contains("\\") || !target.startsWith(into) || target.equals(into)
                && !directory) {
            out.add(archiveFinding(Severity.WARNING, "unsafe archive entry skipped", label + " holds an entry whose"
                    + " name leaves the archive (" + name + "); it is not unpacked.", label));
            return null;
        }
        if (directory) {
            Files.createDirectories(target);
            return null;
        }
        if (!file) {
            out.add(archiveFinding(Severity.WARNING, "archive entry skipped", label + " holds " + name
                    + ", which is not a regular file (a link or a device); it is not unpacked.", label));
            return null;
        }
        Files.createDirectories(target.getParent());
        long written = Files.copy(new LimitedInputStream(in, budget[0] + 1), target, StandardCopyOption.REPLACE_EXISTING);
        budget[0] -= written;
        if (budget[0] < 0) {
            throw new EvidenceArchiveException(archive + ": unpacks to more than " + MAX_BYTES + " bytes");
        }
        return target;
    }

    /** Reads at most {@code limit} bytes and does not close the underlying stream. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }
    }

    /**
     * The archive as the user named it (its file name), used in reports.
     *
     * @return e.g. {@code phoenix-evidence-pve1-20261129T200000Z.tar.gz}
     */
    public String label() {
        return label;
    }

    /**
     * The unpacked evidence's top directory (holding {@code MANIFEST}).
     *
     * @return the directory; valid until {@link #close()}
     */
    public Path root() {
        return root;
    }

    /**
     * The manifest.
     *
     * @return the manifest; empty items when the archive had none
     */
    public EvidenceManifest manifest() {
        return collected.manifest();
    }

    /**
     * The node name the collector ran on (the manifest's host), which picks {@code pve/nodes/<node>/host.fw}.
     *
     * @return the name, or {@code ""} when unknown
     */
    public String nodeName() {
        return collected.manifest().host();
    }

    /**
     * What reading the archive found: unsafe or skipped entries ({@code evidence.archive}), a missing or
     * malformed manifest ({@code evidence.manifest}), items the collector could not store (INFO, one per kind), malformed
     * guest config lines ({@code evidence.guest-conf-syntax}).
     *
     * @return the findings; empty when all is well
     */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * The manifest, guest configs, clock readings and key facts, as evidence for checks.
     *
     * @return the collected evidence
     */
    public CollectedEvidence collected() {
        return collected;
    }

    /**
     * The Phoenix JSON directory.
     *
     * @return {@code phoenix/}, when the archive has it
     */
    public Optional<Path> phoenixDirectory() {
        return dir("phoenix");
    }

    /**
     * The copy of {@code /etc/pve} (firewall files and guest configs), for
     * {@code PveFirewallFiles.loader().nodeName(nodeName()).load(dir)}.
     *
     * @return {@code pve/}, when the archive has it
     */
    public Optional<Path> pveDirectory() {
        return dir("pve");
    }

    /**
     * The {@code iptables-save} dumps that hold at least one table ({@code *filter}...): the legacy one
     * first, then the nft one. On a node whose rules live in one back end the other dump is empty and left out.
     *
     * @return the dump files; empty when none holds a table
     * @throws UncheckedIOException if a dump cannot be read
     */
    public List<Path> netfilterDumps() {
        List<Path> out = new ArrayList<>();
        for (String n : List.of("iptables-legacy-save.txt", "iptables-nft-save.txt")) {
            Path f = root.resolve("netfilter").resolve(n);
            if (Files.isRegularFile(f)) {
                try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                    if (lines.anyMatch(l -> l.startsWith("*"))) {
                        out.add(f);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    /**
     * The {@code nft list ruleset} output.
     *
     * @return the file, when the archive has it
     */
    public Optional<Path> nftRuleset() {
        return file("netfilter/nft-ruleset.txt");
    }

    /**
     * The kernel's netfilter LOG lines.
     *
     * @return the file, when the archive has it
     */
    public Optional<Path> kernelLog() {
        return file("kernel/kernel-log.txt");
    }

    /**
     * The root filesystems with certificate material: {@code host} ({@code rootfs/host}) and each
     * container's ({@code rootfs/lxc-<id>} as {@code lxc:<id>}; {@code rootfs/vm-<id>} as {@code vm:<id>}).
     *
     * @return label to directory, {@code host} first, then by name
     */
    public Map<String, Path> rootFileSystems() {
        Map<String, Path> out = new LinkedHashMap<>();
        Path base = root.resolve("rootfs");
        for (Path d : list(base)) {
            String n = d.getFileName().toString();
            if (!Files.isDirectory(d)) {
                continue;
            }
            if (n.equals("host")) {
                out.put("host", d);
            }
        }
        for (Path d : list(base)) {
            Matcher m = Pattern.compile("^(lxc|vm)-(\\d{1,9})$").matcher(d.getFileName().toString());
            if (m.matches() && Files.isDirectory(d)) {
                out.put(m.group(1) + ":" + m.group(2), d);
            }
        }
        return out;
    }

    /**
     * The step clients' {@code defaults.json} files ({@code ca-url}, {@code fingerprint}, {@code root}).
     *
     * @return label ({@code host}, {@code lxc:<id>}) to file, host first
     */
    public Map<String, Path> stepDefaults() {
        Map<String, Path> out = new LinkedHashMap<>();
        Path base = root.resolve("step");
        List<Path> dirs = new ArrayList<>(list(base));
        dirs.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals("host"))
                .thenComparing(p -> p.getFileName().toString()));
        for (Path d : dirs) {
            Path f = d.resolve("defaults.json");
            if (Files.isRegularFile(f)) {
                String n = d.getFileName().toString();
                out.put(n.equals("host") ? "host" : n.replaceFirst("-", ":"), f);
            }
        }
        return out;
    }

    /**
     * The step client's root fingerprint on the host ({@code fingerprint} of {@code step/host/defaults.json}),
     * the SHA-256 of the Step-CA root certificate as {@code step certificate fingerprint} prints it.
     *
     * @return lower-case hex, when the host's defaults hold one
     */
    public Optional<String> stepRootFingerprint() {
        Path f = stepDefaults().get("host");
        if (f == null) {
            return Optional.empty();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
            String fp = n == null ? "" : n.path("fingerprint").asText("");
            return fp.matches("[0-9A-Fa-f:]{64,95}") ? Optional.of(fp.replace(":", "").toLowerCase(java.util.Locale.ROOT))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The host's Step-CA root certificate as its step client knows it ({@code step/host/root_ca.crt}, copied
     * from the {@code root} path of the host's {@code defaults.json}).
     *
     * @return the PEM file, when the archive has it
     */
    public Optional<Path> stepRootCertificate() {
        return file("step/host/root_ca.crt");
    }

    /**
     * Replaces the temporary directory's path in a report (locations, subjects, messages, verdicts) with
     * {@code <label>!}, so it names the archive's files as the user can find them and is the same on every run.
     *
     * @param report a report made from this archive's files
     * @return the report with the paths replaced
     * @throws IllegalStateException if the replaced report no longer reads (a bug)
     */
    public Report relabel(Report report) {
        String json = ReportJson.write(report);
        String from = jsonEscaped(root.toString());
        String to = jsonEscaped(label + "!");
        try {
            return ReportJson.read(json.replace(from, to));
        } catch (ReportFormatException e) {
            throw new IllegalStateException("relabelled report does not read: " + e.getMessage(), e);
        }
    }

    /**
     * A path inside the archive as {@link #relabel(Report)} names it.
     *
     * @param file a path under {@link #root()}
     * @return e.g. {@code evidence.tar.gz!/pve/firewall/103.fw}
     */
    public String name(Path file) {
        return file.toString().replace(root.toString(), label + "!");
    }

    private static String jsonEscaped(String s) {
        return new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s));
    }

    /** Deletes the unpacked copy (not a directory given to {@link #open(Path)}). */
    @Override
    public void close() {
        if (temp != null) {
            delete(temp);
        }
    }

    private Optional<Path> dir(String name) {
        return Optional.of(root.resolve(name)).filter(Files::isDirectory);
    }

    private Optional<Path> file(String name) {
        return Optional.of(root.resolve(name)).filter(Files::isRegularFile);
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private interface LineVisitor {
        void visit(int line, String text);
    }

    private static void readLines(Path file, LineVisitor v) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            v.visit(i + 1, lines.get(i));
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp file left behind holds only collected evidence
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static Finding archiveFinding(Severity s, String title, String message, String file) {
        return archiveFinding(s, title, message, file, 0);
    }

    private static Finding archiveFinding(Severity s, String title, String message, String file, int line) {
        return Finding.builder("evidence.archive", s).title(title).message(message).subject(file)
                .location(line > 0 ? Location.ofLine(file, line, 1) : Location.ofFile(file)).build();
    }
}
