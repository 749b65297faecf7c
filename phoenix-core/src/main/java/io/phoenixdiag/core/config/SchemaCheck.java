package io.phoenixdiag.core.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.phoenixdiag.core.config.JNode.JArray;
import io.phoenixdiag.core.config.JNode.JObject;
import io.phoenixdiag.core.config.JNode.JScalar;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * JSON Schema (draft-07) validation of a Phoenix file with networknt json-schema-validator, against the
 * schema its {@code $schema} names (by file name, in the schema directory) or else
 * {@code <file name>.schema.json} there. Every deviation is a {@code config.schema-deviation} WARNING with
 * the instance's JSON pointer, line and column; a broken schema is a {@code config.schema-invalid} WARNING.
 * Never throws. Remote schema fetching is disabled (no network access).
 */
final class SchemaCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaCheck() {
    }

    static void validate(String text, JNode root, PhoenixFileKind kind, Optional<Path> schemaDir, LoadContext ctx) {
        if (schemaDir.isEmpty()) {
            return;
        }
        Optional<Path> schemaFile = schemaFile(root, kind, schemaDir.get(), ctx);
        if (schemaFile.isEmpty()) {
            return;
        }
        String schemaLabel = schemaFile.get().toString();
        Schema schema;
        try {
            JsonNode schemaNode = MAPPER.readTree(Files.readString(schemaFile.get(), StandardCharsets.UTF_8));
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                    b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
            schema = registry.getSchema(schemaNode);
            List<Error> errors = schema.validate(MAPPER.readTree(text));
            for (Error e : errors) {
                deviation(e, root, schemaFile.get().getFileName().toString(), ctx);
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            String why = e instanceof StackOverflowError ? "the schema refers to itself without end"
                    : e instanceof JacksonException ? JsonTreeParser.sanitize(((JacksonException) e).getOriginalMessage())
                    : e.getMessage();
            ctx.add(ctx.finding("config.schema-invalid", Severity.WARNING, "Schema cannot be used")
                    .message("The schema " + schemaLabel + " for " + ctx.file() + " could not be read or compiled ("
                            + e.getClass().getSimpleName() + ": " + firstLine(why) + "); " + ctx.file()
                            + " was loaded without schema validation.")
                    .remediation("Fix the schema file (it must be a draft-07 JSON Schema).")
                    .location(Location.ofFile(schemaLabel)));
        }
    }

    private static Optional<Path> schemaFile(JNode root, PhoenixFileKind kind, Path dir, LoadContext ctx) {
        JNode named = root instanceof JObject ? ((JObject) root).members().get("$schema") : null;
        if (named instanceof JScalar && ((JScalar) named).kind() == JScalar.Kind.STRING
                && !((JScalar) named).text().contains("json-schema.org")) {
            String text = ((JScalar) named).text().strip();
            String name = text.substring(text.lastIndexOf('/') + 1);
            Path p = name.indexOf('\0') >= 0 ? dir : dir.resolve(name);
            if (!name.isEmpty() && name.indexOf('\0') < 0 && Files.isRegularFile(p)) {
                return Optional.of(p);
            }
            ctx.add(ctx.finding("config.schema-unavailable", Severity.INFO, "Named schema not found")
                    .message(ctx.file() + " names the schema \"" + text + "\", but no file \"" + name + "\" is in "
                            + dir + "; the file was not validated against a schema.")
                    .remediation("Put the schema file next to the config to have it checked.")
                    .location(ctx.at(named)));
            return Optional.empty();
        }
        Path p = dir.resolve(kind.defaultSchemaFileName());
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private static void deviation(Error e, JNode root, String schemaName, LoadContext ctx) {
        String pointer = pointer(e.getInstanceLocation());
        JNode at = find(root, pointer).orElse(root);
        String message = firstLine(e.getMessage());
        if (message.startsWith(pointer + ": ")) {
            message = message.substring(pointer.length() + 2);
        } else if (message.startsWith(": ")) {
            message = message.substring(2);
        }
        if (ctx.isSecret(at)) {
            message = "the (secret) value does not satisfy keyword \"" + e.getKeyword() + "\"";
        }
        ctx.add(ctx.finding("config.schema-deviation", Severity.WARNING, "Deviation from the JSON schema")
                .message("In " + ctx.file() + " at " + (pointer.isEmpty() ? "the root" : pointer) + " (line "
                        + at.line() + ", column " + at.column() + "): " + message + " (schema " + schemaName
                        + ", keyword \"" + e.getKeyword() + "\"). The value is still loaded.")
                .remediation("Align the file or its schema; the deployment scripts may reject or misread this value.")
                .location(new Location(ctx.file(), pointer, at.line(), at.column())));
    }

    private static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(JNode.escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }

    /** Finds the node at an RFC 6901 pointer. */
    static Optional<JNode> find(JNode root, String pointer) {
        JNode n = root;
        if (pointer.isEmpty()) {
            return Optional.of(n);
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (n instanceof JObject) {
                n = ((JObject) n).members().get(token);
            } else if (n instanceof JArray && token.matches("[0-9]{1,9}")
                    && Integer.parseInt(token) < ((JArray) n).elements().size()) {
                n = ((JArray) n).elements().get(Integer.parseInt(token));
            } else {
                n = null;
            }
            if (n == null) {
                return Optional.empty();
            }
        }
        return Optional.of(n);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
