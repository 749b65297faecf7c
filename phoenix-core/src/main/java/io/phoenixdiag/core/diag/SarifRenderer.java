package io.phoenixdiag.core.diag;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 (OASIS Standard, "Static Analysis Results Interchange Format Version 2.1.0 Plus Errata 01").
 * Stateless and thread-safe; written with Jackson in the style of {@link ReportJson}.
 *
 * <p>Mapping: one {@code run}; {@code tool.driver} = the report's tool ({@code phoenix-diagnostics} when
 * unnamed) with one rule per check id (sorted; §3.49 reportingDescriptor); one {@code result} per finding
 * and per accepted finding, in report order: {@code ruleId}, {@code ruleIndex}, {@code level} ({@code error}
 * for ERROR and CRITICAL, {@code warning}, {@code note} for INFO; §3.27.10), {@code message.text} (title,
 * then message), {@code locations} (one per finding location: {@code artifactLocation.uri} = the file as a
 * percent-encoded URI reference, {@code region.startLine}/{@code startColumn} when known, the JSON pointer in
 * the location's property bag), {@code relatedLocations} for located evidence, {@code partialFingerprints}
 * ({@code phoenixFindingFingerprint/v1} = {@link Finding#fingerprint()}), and a property bag with the exact
 * severity, subjects, evidence, remediation and finding id. Accepted findings carry
 * {@code suppressions: [{kind: external, status: accepted, justification}]} (§3.35).
 */
final class SarifRenderer implements ReportRenderer {

    static final SarifRenderer INSTANCE = new SarifRenderer();

    /** Where the SARIF 2.1.0 schema is published (the value of {@code $schema}). */
    static final String SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /** The key of the finding fingerprint in {@code partialFingerprints}. */
    static final String FINGERPRINT_KEY = "phoenixFindingFingerprint/v1";

    private SarifRenderer() {
    }

    @Override
    public ReportFormat format() {
        return ReportFormat.SARIF;
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /**
     * A file label as a URI reference (RFC 3986 §4.1): unreserved characters, {@code /} and already
     * sub-delimiting characters that are safe in a path stay, everything else is percent-encoded as UTF-8.
     */
    static String uri(String file) {
        StringBuilder sb = new StringBuilder();
        for (byte b : file.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else if (c == ':' && sb.indexOf("/") >= 0) {
                sb.append(':'); // a colon after the first slash cannot be taken for a scheme
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    @Override
    public void render(Report report, Appendable out) throws IOException {
        Map<String, Severity> rules = new TreeMap<>();
        report.findings().forEach(f -> rules.merge(f.checkId(), f.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b));
        report.accepted().forEach(a -> rules.merge(a.finding().checkId(), a.finding().severity(), (x, y) -> x.compareTo(y) >= 0 ? x : y));
        List<String> ruleIds = new ArrayList<>(rules.keySet());
        ReportJson.pretty(out, g -> {
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA_URI);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", report.tool().name().isEmpty() ? "phoenix-diagnostics" : report.tool().name());
            if (!report.tool().version().isEmpty()) {
                g.writeStringField("version", report.tool().version());
            }
            g.writeArrayFieldStart("rules");
            for (Map.Entry<String, Severity> r : rules.entrySet()) {
                g.writeStartObject();
                g.writeStringField("id", r.getKey());
                g.writeObjectFieldStart("shortDescription");
                g.writeStringField("text", "Phoenix Diagnostics check " + r.getKey());
                g.writeEndObject();
                g.writeObjectFieldStart("defaultConfiguration");
                g.writeStringField("level", level(r.getValue()));
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeStringField("columnKind", "utf16CodeUnits");
            g.writeArrayFieldStart("results");
            for (Finding f : report.findings()) {
                writeResult(g, f, ruleIds.indexOf(f.checkId()), null);
            }
            for (AcceptedFinding a : report.accepted()) {
                writeResult(g, a.finding(), ruleIds.indexOf(a.finding().checkId()), a);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("properties");
            g.writeStringField("subject", report.subject());
            g.writeNumberField("reportSchemaVersion", report.schemaVersion());
            g.writeArrayFieldStart("notRun");
            for (NotRun n : report.notRun()) {
                g.writeStartObject();
                g.writeStringField("what", n.what());
                g.writeStringField("why", n.why());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeResult(JsonGenerator g, Finding f, int ruleIndex, AcceptedFinding accepted) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.checkId());
        g.writeNumberField("ruleIndex", ruleIndex);
        g.writeStringField("level", level(f.severity()));
        g.writeObjectFieldStart("message");
        g.writeStringField("text", f.message().isEmpty() ? f.title() : f.title() + ". " + f.message());
        g.writeEndObject();
        if (!f.locations().isEmpty()) {
            g.writeArrayFieldStart("locations");
            for (Location l : f.locations()) {
                writeLocation(g, l, null);
            }
            g.writeEndArray();
        }
        List<Evidence> located = f.evidence().stream().filter(e -> e.location().isPresent()).toList();
        if (!located.isEmpty()) {
            g.writeArrayFieldStart("relatedLocations");
            for (Evidence e : located) {
                writeLocation(g, e.location().get(), e.text());
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("partialFingerprints");
        g.writeStringField(FINGERPRINT_KEY, f.fingerprint());
        g.writeEndObject();
        if (accepted != null) {
            g.writeArrayFieldStart("suppressions");
            g.writeStartObject();
            g.writeStringField("kind", "external");
            g.writeStringField("status", "accepted");
            g.writeStringField("justification", accepted.justification());
            if (accepted.acceptedAt().isPresent()) {
                g.writeFieldName("location");
                writeLocation(g, accepted.acceptedAt().get(), null);
            }
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeObjectFieldStart("properties");
        g.writeStringField("severity", f.severity().name());
        g.writeStringField("findingId", f.findingId());
        g.writeStringField("title", f.title());
        g.writeArrayFieldStart("subjects");
        for (String s : f.subjects()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("evidence");
        for (Evidence e : f.evidence()) {
            g.writeString(e.text() + e.location().map(l -> " (" + l + ")").orElse(""));
        }
        g.writeEndArray();
        g.writeStringField("remediation", f.remediation());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeLocation(JsonGenerator g, Location l, String message) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", uri(l.file()));
        g.writeEndObject();
        if (l.line() > 0) {
            g.writeObjectFieldStart("region");
            g.writeNumberField("startLine", l.line());
            if (l.column() > 0) {
                g.writeNumberField("startColumn", l.column());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        if (message != null) {
            g.writeObjectFieldStart("message");
            g.writeStringField("text", message);
            g.writeEndObject();
        }
        if (!l.pointer().isEmpty()) {
            g.writeObjectFieldStart("properties");
            g.writeStringField("jsonPointer", l.pointer());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
