package io.phoenixdiag.core.diag;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link Report} as the JSON of the report contract and reads it back.
 *
 * <p>Output: UTF-16 text (the caller picks the byte encoding; use UTF-8), pretty printed with two-space
 * indentation and {@code \n} line ends, fields in the fixed order of {@code docs/report-contract.md},
 * unknown parts of a {@link Location} (empty pointer, line or column 0) and absent optional
 * {@code location}s left out, derived fields ({@code counts}, each flow's {@code summary}) included. The
 * same report always gives the same text.
 *
 * <p>Input: any JSON the contract allows; unknown fields are ignored (additive changes of a later
 * schema version 1 writer), derived fields are recomputed, not trusted. Stateless and thread-safe.
 */
public final class ReportJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private ReportJson() {
    }

    /**
     * Writes a report as pretty-printed JSON followed by a newline.
     *
     * @param report the report
     * @return the JSON text
     */
    public static String write(Report report) {
        return JsonRenderer.INSTANCE.render(report);
    }

    /**
     * Writes a report as pretty-printed JSON followed by a newline.
     *
     * @param report the report
     * @param out    where to append the text; not closed
     * @throws IOException if {@code out} throws
     */
    public static void write(Report report, Appendable out) throws IOException {
        pretty(out, g -> writeReport(g, report));
    }

    /** What one pretty-printed JSON document holds, written to a generator. */
    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Writes one JSON document in this class's pretty style (two spaces, {@code \n}, a trailing newline);
     * shared by the SARIF renderer.
     */
    static void pretty(Appendable out, JsonBody body) throws IOException {
        Writer writer = out instanceof Writer w ? w : new AppendableWriter(out);
        try (JsonGenerator g = FACTORY.createGenerator(writer)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter(PRETTY));
            body.write(g);
        }
        writer.write('\n');
        writer.flush();
    }

    private static void writeReport(JsonGenerator g, Report r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", r.schemaVersion());
        g.writeObjectFieldStart("tool");
        g.writeStringField("name", r.tool().name());
        g.writeStringField("version", r.tool().version());
        g.writeEndObject();
        g.writeStringField("subject", r.subject());
        g.writeObjectFieldStart("counts");
        for (Map.Entry<Severity, Integer> e : r.counts().entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("findings");
        for (Finding f : r.findings()) {
            writeFinding(g, f);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("flows");
        for (FlowEntry f : r.flows()) {
            writeFlow(g, f);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("nodes");
        for (NodeEntry n : r.nodes()) {
            g.writeStartObject();
            g.writeStringField("id", n.id());
            g.writeStringField("label", n.label());
            g.writeStringField("address", n.address());
            g.writeStringField("kind", n.kind());
            g.writeBooleanField("active", n.active());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("roles");
        for (RoleEntry role : r.roles()) {
            g.writeStartObject();
            g.writeStringField("subject", role.subject());
            g.writeStringField("role", role.role());
            g.writeStringField("reason", role.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("notRun");
        for (NotRun n : r.notRun()) {
            g.writeStartObject();
            g.writeStringField("what", n.what());
            g.writeStringField("why", n.why());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (!r.accepted().isEmpty()) {
            g.writeArrayFieldStart("accepted");
            for (AcceptedFinding a : r.accepted()) {
                g.writeStartObject();
                g.writeStringField("findingId", a.finding().findingId());
                g.writeStringField("fingerprint", a.finding().fingerprint());
                g.writeStringField("justification", a.justification());
                if (a.acceptedAt().isPresent()) {
                    g.writeFieldName("acceptedAt");
                    writeLocation(g, a.acceptedAt().get());
                }
                g.writeFieldName("finding");
                writeFinding(g, a.finding());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("checkId", f.checkId());
        g.writeStringField("severity", f.severity().name());
        g.writeStringField("title", f.title());
        g.writeStringField("message", f.message());
        writeStrings(g, "subjects", f.subjects());
        writeEvidence(g, "evidence", f.evidence());
        g.writeStringField("remediation", f.remediation());
        g.writeArrayFieldStart("locations");
        for (Location l : f.locations()) {
            writeLocation(g, l);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeFlow(JsonGenerator g, FlowEntry f) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", f.id());
        g.writeStringField("source", f.source());
        g.writeStringField("destination", f.destination());
        g.writeStringField("protocol", f.protocol());
        g.writeNumberField("port", f.port());
        g.writeStringField("scheme", f.scheme());
        g.writeStringField("purpose", f.purpose());
        writeEvidence(g, "impliedBy", f.impliedBy());
        g.writeBooleanField("active", f.active());
        g.writeArrayFieldStart("verdicts");
        for (FlowVerdict v : f.verdicts()) {
            g.writeStartObject();
            g.writeStringField("layer", v.layer().id());
            g.writeStringField("state", v.state().name());
            g.writeStringField("decidedBy", v.decidedBy());
            if (v.location().isPresent()) {
                g.writeFieldName("location");
                writeLocation(g, v.location().get());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("summary", f.summary().name());
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void writeEvidence(JsonGenerator g, String name, List<Evidence> evidence) throws IOException {
        g.writeArrayFieldStart(name);
        for (Evidence e : evidence) {
            g.writeStartObject();
            g.writeStringField("text", e.text());
            if (e.location().isPresent()) {
                g.writeFieldName("location");
                writeLocation(g, e.location().get());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeLocation(JsonGenerator g, Location l) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", l.file());
        if (!l.pointer().isEmpty()) {
            g.writeStringField("pointer", l.pointer());
        }
        if (l.line() > 0) {
            g.writeNumberField("line", l.line());
        }
        if (l.column() > 0) {
            g.writeNumberField("column", l.column());
        }
        g.writeEndObject();
    }

    /**
     * Reads a report from its JSON text.
     *
     * @param json the text
     * @return the report
     * @throws ReportFormatException if the text is not JSON, or not a report of the contract (the
     *         message gives the JSON pointer, or line and column, and what was expected), or its
     *         {@code schemaVersion} is not {@value Report#SCHEMA_VERSION}
     */
    public static Report read(String json) throws ReportFormatException {
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw syntax(e);
        }
    }

    /**
     * Reads a report from JSON text.
     *
     * @param reader the text; not closed
     * @return the report
     * @throws ReportFormatException if the text is not a report of the contract (see {@link #read(String)})
     * @throws IOException if {@code reader} throws
     */
    public static Report read(Reader reader) throws IOException {
        try {
            return fromTree(MAPPER.readTree(reader));
        } catch (JsonProcessingException e) {
            throw syntax(e);
        }
    }

    private static ReportFormatException syntax(JsonProcessingException e) {
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        return new ReportFormatException("", "not valid JSON" + where + ": " + what);
    }

    private static Report fromTree(JsonNode root) throws ReportFormatException {
        if (root == null || root.isMissingNode()) {
            throw new ReportFormatException("", "empty input, expected a JSON object");
        }
        Node r = new Node(root, "");
        r.requireObject();
        int version = r.integer("schemaVersion");
        if (version != Report.SCHEMA_VERSION) {
            throw new ReportFormatException("/schemaVersion", "unsupported schema version " + version
                    + ", this reader understands " + Report.SCHEMA_VERSION);
        }
        Node tool = r.field("tool");
        tool.requireObject();
        Tool t = Tool.of(tool.string("name"), tool.string("version"));
        String subject = r.string("subject");
        List<Finding> findings = r.field("findings").list(ReportJson::finding);
        List<FlowEntry> flows = r.field("flows").list(ReportJson::flow);
        List<NodeEntry> nodes = r.field("nodes").list((n, p) -> NodeEntry.of(n.string("id"), n.string("label"),
                n.string("address"), n.string("kind"), n.bool("active")));
        List<RoleEntry> roles = r.field("roles").list((n, p) -> RoleEntry.of(n.string("subject"), n.string("role"),
                n.string("reason")));
        List<NotRun> notRun = r.field("notRun").list((n, p) -> NotRun.of(n.string("what"), n.string("why")));
        List<AcceptedFinding> accepted = root.has("accepted") ? r.field("accepted").list((n, p) -> new AcceptedFinding(
                finding(n.field("finding"), p + "/finding"), n.string("justification"),
                n.json.has("acceptedAt") ? Optional.of(location(n.field("acceptedAt"), p + "/acceptedAt")) : Optional.empty()))
                : List.of();
        try {
            return new Report(version, t, subject, findings, flows, nodes, roles, notRun, accepted);
        } catch (IllegalArgumentException e) {
            throw new ReportFormatException("", e.getMessage());
        }
    }

    private static Finding finding(Node n, String pointer) throws ReportFormatException {
        Severity severity = n.enumValue("severity", Severity::valueOf);
        return new Finding(n.string("checkId"), severity, n.string("title"), n.string("message"),
                n.field("subjects").list((s, p) -> s.text()), n.field("evidence").list(ReportJson::evidence),
                n.string("remediation"), n.field("locations").list(ReportJson::location));
    }

    private static FlowEntry flow(Node n, String pointer) throws ReportFormatException {
        return new FlowEntry(n.string("id"), n.string("source"), n.string("destination"), n.string("protocol"),
                n.integer("port"), n.string("scheme"), n.string("purpose"), n.field("impliedBy").list(ReportJson::evidence),
                n.bool("active"), n.field("verdicts").list((v, p) -> new FlowVerdict(
                        v.enumValue("layer", FlowLayer::ofId), v.enumValue("state", FlowState::valueOf),
                        v.string("decidedBy"), v.optionalLocation())));
    }

    private static Evidence evidence(Node n, String pointer) throws ReportFormatException {
        return new Evidence(n.string("text"), n.optionalLocation());
    }

    private static Location location(Node n, String pointer) throws ReportFormatException {
        n.requireObject();
        return new Location(n.string("file"), n.optionalString("pointer"), n.optionalInt("line"), n.optionalInt("column"));
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read(Node node, String pointer) throws ReportFormatException;
    }

    /** A JSON node with its pointer, for reading with located errors. */
    private record Node(JsonNode json, String pointer) {

        Node field(String name) throws ReportFormatException {
            JsonNode child = json.get(name);
            if (child == null || child.isNull()) {
                throw new ReportFormatException(pointer + "/" + name, "missing, expected " + name);
            }
            return new Node(child, pointer + "/" + name);
        }

        void requireObject() throws ReportFormatException {
            if (!json.isObject()) {
                throw new ReportFormatException(pointer, "expected an object, found " + kind());
            }
        }

        String kind() {
            return json.getNodeType().name().toLowerCase(Locale.ROOT);
        }

        String text() throws ReportFormatException {
            if (!json.isTextual()) {
                throw new ReportFormatException(pointer, "expected a string, found " + kind());
            }
            return json.textValue();
        }

        String string(String name) throws ReportFormatException {
            requireObject();
            return field(name).text();
        }

        String optionalString(String name) throws ReportFormatException {
            return json.has(name) ? field(name).text() : "";
        }

        int integer(String name) throws ReportFormatException {
            requireObject();
            Node f = field(name);
            if (!f.json.isIntegralNumber() || !f.json.canConvertToInt()) {
                throw new ReportFormatException(f.pointer, "expected an integer, found " + f.kind());
            }
            return f.json.intValue();
        }

        int optionalInt(String name) throws ReportFormatException {
            return json.has(name) ? integer(name) : 0;
        }

        boolean bool(String name) throws ReportFormatException {
            requireObject();
            Node f = field(name);
            if (!f.json.isBoolean()) {
                throw new ReportFormatException(f.pointer, "expected true or false, found " + f.kind());
            }
            return f.json.booleanValue();
        }

        <E> E enumValue(String name, java.util.function.Function<String, E> parse) throws ReportFormatException {
            Node f = field(name);
            String value = f.text();
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new ReportFormatException(f.pointer, "unknown " + name + " value (see docs/report-contract.md)");
            }
        }

        Optional<Location> optionalLocation() throws ReportFormatException {
            requireObject();
            return json.has("location") ? Optional.of(location(field("location"), pointer + "/location")) : Optional.empty();
        }

        <T> List<T> list(Reading<T> reading) throws ReportFormatException {
            if (!json.isArray()) {
                throw new ReportFormatException(pointer, "expected an array, found " + kind());
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                Node element = new Node(json.get(i), pointer + "/" + i);
                try {
                    out.add(reading.read(element, element.pointer));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new ReportFormatException(element.pointer, "invalid value: " + e.getMessage());
                }
            }
            return out;
        }
    }

    /** Adapts an {@link Appendable} to a {@link Writer}. */
    private static final class AppendableWriter extends Writer {
        private final Appendable out;

        AppendableWriter(Appendable out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            out.append(java.nio.CharBuffer.wrap(buf, off, len));
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            out.append(str, off, off + len);
        }

        @Override
        public void flush() {
            // nothing buffered here
        }

        @Override
        public void close() {
            // the caller owns the target
        }
    }
}
