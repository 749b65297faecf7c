package io.phoenixdiag.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.phoenixdiag.core.config.JNode.JArray;
import io.phoenixdiag.core.config.JNode.JObject;
import io.phoenixdiag.core.config.JNode.JScalar;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams Jackson tokens into a {@link JNode} tree that records the pointer, line and column of every
 * node and reports duplicate keys (the last value wins, as jq does). Never lets a Jackson exception
 * escape: malformed JSON becomes one {@code config.malformed-json} ERROR finding with line and column.
 * Stateless and thread-safe.
 */
final class JsonTreeParser {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonTreeParser() {
    }

    /**
     * Parses one JSON document.
     *
     * @param text the document
     * @param ctx  where findings go (its file label names the document)
     * @return the root node, or empty when the document is not well-formed JSON (an ERROR finding was added)
     */
    static Optional<JNode> parse(String text, LoadContext ctx) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                ctx.add(ctx.finding("config.malformed-json", Severity.ERROR, "Empty JSON file")
                        .message(ctx.file() + " holds no JSON value; the file is skipped.")
                        .remediation("Restore the file's content or remove the file.")
                        .location(new Location(ctx.file(), "", 1, 1)));
                return Optional.empty();
            }
            JNode root = read(p, "", ctx);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                JsonLocation loc = p.currentTokenLocation();
                malformed(ctx, "unexpected content after the end of the JSON document", loc);
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            malformed(ctx, e.getOriginalMessage(), e.getLocation());
            return Optional.empty();
        } catch (IOException e) {
            ctx.add(ctx.finding("config.unreadable-file", Severity.ERROR, "Cannot read JSON file")
                    .message(ctx.file() + " could not be read: " + e.getClass().getSimpleName() + "; the file is skipped.")
                    .location(Location.ofFile(ctx.file())));
            return Optional.empty();
        }
    }

    /**
     * Jackson's message, first line only, without the text it quotes from the document (a malformed
     * file may hold an unquoted secret: {@code Unrecognized token 'hunter2'}) and without its hints
     * about parser features.
     */
    static String sanitize(String what) {
        String line = what == null ? "" : what.lines().findFirst().orElse("");
        line = line.replaceAll("'[^']*'", "'…'").replaceAll("\\(String\\)\"[^\"]*\"", "…");
        int hint = line.indexOf(" (start marker at");
        if (hint < 0) {
            hint = line.indexOf(": was expecting");
        }
        line = hint < 0 ? line : line.substring(0, hint);
        line = line.replaceAll("\\s*\\(?`[A-Za-z.]+`\\)?", "").strip();
        return line.isEmpty() ? "syntax error" : line;
    }

    private static void malformed(LoadContext ctx, String what, JsonLocation loc) {
        int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
        int column = loc == null ? 0 : Math.max(0, loc.getColumnNr());
        String firstLine = sanitize(what);
        ctx.add(ctx.finding("config.malformed-json", Severity.ERROR, "Malformed JSON")
                .message(ctx.file() + " is not well-formed JSON at line " + line + ", column " + column + ": "
                        + firstLine + ". The file is skipped; the other files still load.")
                .remediation("Fix the JSON syntax at that position (for example with `jq . " + ctx.file() + "`).")
                .location(new Location(ctx.file(), "", line, column)));
    }

    private static JNode read(JsonParser p, String pointer, LoadContext ctx) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        int line = start.getLineNr();
        int column = start.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, JNode> members = new LinkedHashMap<>();
                Map<String, int[]> keys = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation keyLoc = p.currentTokenLocation();
                    int[] here = {keyLoc.getLineNr(), keyLoc.getColumnNr()};
                    p.nextToken();
                    String childPointer = pointer + "/" + JNode.escape(key);
                    JNode value = read(p, childPointer, ctx);
                    int[] before = keys.get(key);
                    if (before != null) {
                        duplicate(ctx, childPointer, key, before, here);
                        members.remove(key);
                        keys.remove(key);
                    }
                    members.put(key, value);
                    keys.put(key, here);
                }
                return new JObject(pointer, line, column, members, keys);
            }
            case START_ARRAY: {
                List<JNode> elements = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(p, pointer + "/" + elements.size(), ctx));
                }
                return new JArray(pointer, line, column, elements);
            }
            case VALUE_STRING:
                return new JScalar(pointer, line, column, JScalar.Kind.STRING, p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new JScalar(pointer, line, column, JScalar.Kind.NUMBER, p.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new JScalar(pointer, line, column, JScalar.Kind.BOOLEAN, p.getText());
            case VALUE_NULL:
                return new JScalar(pointer, line, column, JScalar.Kind.NULL, "null");
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
        }
    }

    private static void duplicate(LoadContext ctx, String pointer, String key, int[] first, int[] second) {
        ctx.add(ctx.finding("config.duplicate-key", Severity.WARNING, "Duplicate JSON key")
                .message("Key \"" + key + "\" appears twice in the same object of " + ctx.file() + ": at line "
                        + first[0] + ", column " + first[1] + " and at line " + second[0] + ", column " + second[1]
                        + ". The last value wins (as jq and the Phoenix scripts read it); the first is ignored.")
                .remediation("Remove one of the two entries (merge them if both hold wanted settings).")
                .location(new Location(ctx.file(), pointer, first[0], first[1]))
                .location(new Location(ctx.file(), pointer, second[0], second[1])));
    }
}
