package io.phoenixdiag.capture.triage;

import io.phoenixdiag.capture.flow.Flow;
import io.phoenixdiag.core.diag.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * One flow of a capture explained in the deployment's terms.
 *
 * @param flow           the flow
 * @param source         the originator's label: {@code Traefik (102)}, {@code host}, or its address
 * @param destination    the responder's label
 * @param intendedFlowId the intended flow it belongs to ({@code lxc:102->lxc:1001/tcp/9443}), if any
 * @param severity       INFO when nothing is wrong; WARNING or ERROR otherwise (ERROR when an intended flow fails)
 * @param checkId        the finding id it maps to ({@code capture.no-answer}...), or {@code capture.ok}
 * @param facts          what was seen, e.g. {@code 3 SYNs, no answer}
 * @param meaning        what it means, e.g. {@code silently dropped}
 * @param explanation    a longer explanation with likely causes
 */
public record TriageLine(Flow flow, String source, String destination, Optional<String> intendedFlowId,
                         Severity severity, String checkId, String facts, String meaning, String explanation) {
    /**
     * Validates the components.
     *
     * @param flow           the flow
     * @param source         source label
     * @param destination    destination label
     * @param intendedFlowId intended flow id
     * @param severity       severity
     * @param checkId        finding id
     * @param facts          facts
     * @param meaning        meaning
     * @param explanation    explanation
     */
    public TriageLine {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(intendedFlowId, "intendedFlowId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(explanation, "explanation");
    }

    /**
     * The one-line sentence: {@code SOURCE -> DESTINATION PROTO/PORT: FACTS (CONN_STATE): MEANING}.
     *
     * @return e.g. {@code Traefik (102) -> Portainer (1001) tcp/9443: 3 SYNs, no answer (S0): silently dropped}
     */
    public String sentence() {
        String pp = flow.port() == 0 ? flow.protocol() : flow.protocol() + "/" + flow.port();
        return source + " -> " + destination + " " + pp + ": " + facts + " (" + flow.connState() + "): " + meaning;
    }

    /**
     * The sentence.
     *
     * @return {@link #sentence()}
     */
    @Override
    public String toString() {
        return sentence();
    }
}
