package io.phoenixdiag.pki.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.phoenixdiag.pki.truststore.RootFs;

/**
 * The users and groups of one root filesystem, read from its own {@code /etc/passwd} and {@code /etc/group}
 * (passwd(5), group(5)), never from the JVM's name service. Immutable after construction.
 */
final class Accounts {
    private final Map<Integer, String> userNames = new HashMap<>();
    private final Map<String, Integer> uids = new HashMap<>();
    private final Map<Integer, String> groupNames = new HashMap<>();
    private final Map<String, Integer> gids = new HashMap<>();

    static Accounts read(RootFs root) throws IOException {
        Accounts a = new Accounts();
        a.load(root.resolve("/etc/passwd"), a.userNames, a.uids);
        a.load(root.resolve("/etc/group"), a.groupNames, a.gids);
        return a;
    }

    private void load(Path file, Map<Integer, String> names, Map<String, Integer> ids) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(":", -1);
            if (f.length < 3 || line.startsWith("#") || !f[2].matches("[0-9]{1,10}")) {
                continue;
            }
            long id = Long.parseLong(f[2]);
            if (id > Integer.MAX_VALUE) {
                continue;
            }
            names.putIfAbsent((int) id, f[0]);
            ids.putIfAbsent(f[0], (int) id);
        }
    }

    /** A user name or numeric uid to a uid. */
    Optional<Integer> uid(String user) {
        return id(user, uids);
    }

    /** A group name or numeric gid to a gid. */
    Optional<Integer> gid(String group) {
        return id(group, gids);
    }

    String userName(int uid) {
        return userNames.getOrDefault(uid, Integer.toString(uid));
    }

    String groupName(int gid) {
        return groupNames.getOrDefault(gid, Integer.toString(gid));
    }

    private static Optional<Integer> id(String name, Map<String, Integer> ids) {
        if (name.matches("[0-9]{1,9}")) {
            return Optional.of(Integer.parseInt(name));
        }
        return Optional.ofNullable(ids.get(name));
    }
}
