package io.phoenixdiag.pki.manifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phoenixdiag.core.diag.Location;

/**
 * Reads {@code certificate-manifest.json} (a JSON array of entries with {@code common_name}, {@code sans},
 * {@code cert_path}, {@code key_path}, {@code owner}, {@code permissions}, {@code post_renewal_command}) into
 * {@link ManifestEntry} values. A stop-gap until phoenix-core's typed manifest model is connected through
 * {@link ManifestEntry#of}. Stateless and thread-safe.
 */
public final class ManifestReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestReader() {
    }

    /**
     * Parses a manifest.
     *
     * @param json the file's bytes (UTF-8)
     * @param file the file name used in locations and errors
     * @return the entries in file order, each located at {@code /<index>}
     * @throws ManifestFormatException if the text is not JSON, not an array of objects, or an entry lacks one of
     *                                 the required string fields {@code common_name}, {@code cert_path},
     *                                 {@code key_path}, {@code owner}, {@code permissions}
     */
    public static List<ManifestEntry> read(byte[] json, String file) throws ManifestFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException ex) {
            var loc = ex.getLocation();
            throw new ManifestFormatException(Location.ofLine(file, Math.max(0, loc == null ? 0 : loc.getLineNr()),
                    Math.max(0, loc == null ? 0 : loc.getColumnNr())), "not valid JSON (" + ex.getOriginalMessage() + ")");
        } catch (IOException ex) {
            throw new ManifestFormatException(Location.ofFile(file), "cannot be read (" + ex.getMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            throw new ManifestFormatException(Location.ofPointer(file, ""), "expected a JSON array of certificate entries");
        }
        List<ManifestEntry> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            String ptr = "/" + i;
            if (!n.isObject()) {
                throw new ManifestFormatException(Location.ofPointer(file, ptr), "expected an object");
            }
            List<String> sans = new ArrayList<>();
            JsonNode s = n.get("sans");
            if (s != null && !s.isNull()) {
                if (!s.isArray()) {
                    throw new ManifestFormatException(Location.ofPointer(file, ptr + "/sans"), "expected an array of strings");
                }
                for (int j = 0; j < s.size(); j++) {
                    if (!s.get(j).isTextual()) {
                        throw new ManifestFormatException(Location.ofPointer(file, ptr + "/sans/" + j), "expected a string");
                    }
                    sans.add(s.get(j).asText());
                }
            }
            out.add(ManifestEntry.of(text(n, "common_name", file, ptr), sans, text(n, "cert_path", file, ptr),
                    text(n, "key_path", file, ptr), text(n, "owner", file, ptr), text(n, "permissions", file, ptr),
                    n.path("post_renewal_command").asText(""), Location.ofPointer(file, ptr)));
        }
        return out;
    }

    private static String text(JsonNode n, String field, String file, String ptr) throws ManifestFormatException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new ManifestFormatException(Location.ofPointer(file, ptr + "/" + field),
                    "expected a string \"" + field + "\"" + (v == null ? ", the field is missing" : ", got " + v.getNodeType()));
        }
        return v.asText();
    }
}
