package io.phoenixdiag.core.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.phoenixdiag.core.testing.Fixtures;

/**
 * The deployment history in {@code ../shared/reference/phoenix-history}: one directory per Phoenix file
 * name ({@code phoenix_lxc_configs.json/}...) holding that file's versions, named
 * {@code yyyyMMddHHmm-commit.json}. The deployment at version T is, for each file, its latest version
 * not after T; versions are the distinct names, in time order. {@link #materialize} copies one version
 * into a temporary directory (never into the repository).
 */
final class PhoenixHistory {
    private final Path root;
    /** file name -> version name -> path */
    private final Map<String, TreeMap<String, Path>> files = new TreeMap<>();
    private final List<String> versions;

    private PhoenixHistory(Path root) {
        this.root = root;
        TreeSet<String> all = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                TreeMap<String, Path> byVersion = new TreeMap<>();
                try (Stream<Path> vs = Files.list(dir)) {
                    vs.forEach(v -> byVersion.put(v.getFileName().toString().replaceFirst("\\.json$", ""), v));
                }
                files.put(dir.getFileName().toString(), byVersion);
                all.addAll(byVersion.keySet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.versions = List.copyOf(all);
    }

    /** The shared history; skips the test when the shared data is absent (unless CI=true). */
    static PhoenixHistory shared() {
        return new PhoenixHistory(Fixtures.shared().resolve("reference/phoenix-history"));
    }

    /** Every version name ({@code 202509071319-1986837e}), oldest first. */
    List<String> versions() {
        return versions;
    }

    /** The version after {@code version}. */
    String next(String version) {
        return versions.get(versions.indexOf(version) + 1);
    }

    /** Writes the deployment as of {@code version} into {@code dir} and returns it. */
    Path materialize(String version, Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, TreeMap<String, Path>> f : files.entrySet()) {
                Map.Entry<String, Path> v = f.getValue().floorEntry(version);
                if (v != null) {
                    Files.copy(v.getValue(), dir.resolve(f.getKey()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
