package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static FlowVerdict v(FlowLayer layer, FlowState state) {
        return FlowVerdict.of(layer, state, layer.id() + " says " + state);
    }

    private static FlowEntry flow(FlowVerdict... verdicts) {
        FlowEntry.Builder b = FlowEntry.builder("lxc:102", "lxc:103", "tcp", 9000);
        for (FlowVerdict verdict : verdicts) {
            b.verdict(verdict);
        }
        return b.build();
    }

    @Test
    void summaryIsTheMostAuthoritativeDecidedLayer() {
        assertEquals(FlowState.UNKNOWN, flow().summary());
        assertEquals(Optional.empty(), flow().deciding());
        assertEquals(FlowState.BLOCKED_DESTINATION_INGRESS,
                flow(v(FlowLayer.INTENT, FlowState.BLOCKED_DESTINATION_INGRESS)).summary());
        // iptables outranks intent, whichever way round they were added
        assertEquals(FlowState.ALLOWED,
                flow(v(FlowLayer.IPTABLES, FlowState.ALLOWED), v(FlowLayer.INTENT, FlowState.BLOCKED_DESTINATION_INGRESS)).summary());
        assertEquals(FlowState.BLOCKED_HOST_FORWARD,
                flow(v(FlowLayer.INTENT, FlowState.ALLOWED), v(FlowLayer.PVE_FW, FlowState.BLOCKED_HOST_FORWARD)).summary());
        // a layer that cannot decide does not hide a less authoritative one
        assertEquals(FlowState.BLOCKED_SOURCE_EGRESS,
                flow(v(FlowLayer.LIVE, FlowState.UNKNOWN), v(FlowLayer.INTENT, FlowState.BLOCKED_SOURCE_EGRESS)).summary());
        assertEquals(FlowState.UNKNOWN, flow(v(FlowLayer.LIVE, FlowState.UNKNOWN), v(FlowLayer.INTENT, FlowState.UNKNOWN)).summary());
        // live and capture rank equal: blocked wins over allowed
        FlowEntry tie = flow(v(FlowLayer.LIVE, FlowState.ALLOWED), v(FlowLayer.CAPTURE, FlowState.BLOCKED), v(FlowLayer.IPTABLES, FlowState.ALLOWED));
        assertEquals(FlowState.BLOCKED, tie.summary());
        assertEquals(FlowLayer.CAPTURE, tie.deciding().orElseThrow().layer());
        assertEquals(FlowLayer.LIVE, flow(v(FlowLayer.LIVE, FlowState.BLOCKED), v(FlowLayer.CAPTURE, FlowState.BLOCKED_HOST_FORWARD))
                .deciding().orElseThrow().layer());
        assertEquals(FlowState.ALLOWED, flow(v(FlowLayer.LIVE, FlowState.ALLOWED), v(FlowLayer.CAPTURE, FlowState.UNKNOWN),
                v(FlowLayer.INTENT, FlowState.BLOCKED)).summary());
    }

    @Test
    void verdictsAreOnePerLayerInLayerOrder() {
        FlowEntry f = flow(v(FlowLayer.LIVE, FlowState.ALLOWED), v(FlowLayer.INTENT, FlowState.ALLOWED));
        assertEquals(List.of(FlowLayer.INTENT, FlowLayer.LIVE), f.verdicts().stream().map(FlowVerdict::layer).toList());
        FlowEntry replaced = f.withVerdict(v(FlowLayer.LIVE, FlowState.BLOCKED));
        assertEquals(FlowState.BLOCKED, replaced.verdict(FlowLayer.LIVE).orElseThrow().state());
        assertEquals(2, replaced.verdicts().size());
        assertEquals("lxc:102->lxc:103/tcp/9000", f.id());
        assertEquals("tcp/9000", f.protocolPort());
        assertEquals("icmp", FlowEntry.builder("host", "lxc:1", "icmp", 0).build().protocolPort());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> new FlowEntry("x", "a", "b", "tcp", 1, "", "",
                List.of(), true, List.of(v(FlowLayer.INTENT, FlowState.ALLOWED), v(FlowLayer.INTENT, FlowState.BLOCKED))));
        assertEquals("flow x has two intent verdicts", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlowEntry.builder("a", "b", "TCP", 1).build());
        assertThrows(IllegalArgumentException.class, () -> FlowEntry.builder("a", "b", "tcp", 65536).build());
        assertThrows(IllegalArgumentException.class, () -> FlowVerdict.of(FlowLayer.INTENT, FlowState.ALLOWED, " "));
    }

    @Test
    void builderMergesVerdictsOfLaterLayersByFlowId() {
        Report.Builder b = Report.builder().flow(flow(v(FlowLayer.INTENT, FlowState.ALLOWED)));
        String id = FlowEntry.idOf("lxc:102", "lxc:103", "tcp", 9000);
        assertTrue(b.hasFlow(id));
        b.verdict(id, v(FlowLayer.LIVE, FlowState.BLOCKED));
        Report r = b.build();
        assertEquals(FlowState.BLOCKED, r.flow(id).orElseThrow().summary());
        assertEquals(List.of(FlowLayer.INTENT, FlowLayer.LIVE), r.flows().get(0).verdicts().stream().map(FlowVerdict::layer).toList());

        IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> b.flow(flow()));
        assertEquals("flow lxc:102->lxc:103/tcp/9000 was already added; add verdicts with verdict(id, v)", again.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> b.verdict("nope", v(FlowLayer.LIVE, FlowState.ALLOWED)));
        assertEquals("no flow with id nope; add the flow first", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Report.builder().node(NodeEntry.of("host", "", "")).node(NodeEntry.of("host", "x", "")));
        assertEquals(r, r.toBuilder().build());
    }

    @Test
    void countsAndProblems() {
        Report small = SampleReports.small();
        assertEquals(Map.of(Severity.INFO, 1, Severity.WARNING, 1, Severity.ERROR, 1, Severity.CRITICAL, 1), small.counts());
        assertEquals(List.of(Severity.INFO, Severity.WARNING, Severity.ERROR, Severity.CRITICAL), List.copyOf(small.counts().keySet()));
        assertTrue(small.hasProblems());
        assertEquals(Optional.of(Severity.CRITICAL), small.highestSeverity());
        assertEquals(List.of("pki.private-key-readable", "firewall.flow-blocked", "firewall.rule-shadowed", "config.file-missing"),
                small.findings().stream().map(Finding::checkId).toList());

        Report warningsOnly = Report.builder().finding(Finding.builder("a.b", Severity.WARNING).title("w").build()).build();
        assertFalse(warningsOnly.hasProblems());
        assertEquals(1, warningsOnly.count(Severity.WARNING));
        assertEquals(0, warningsOnly.count(Severity.ERROR));
        Report empty = Report.builder().build();
        assertEquals(Optional.empty(), empty.highestSeverity());
        assertEquals(Report.SCHEMA_VERSION, empty.schemaVersion());
        assertEquals(Tool.unknown(), empty.tool());
        assertEquals("", empty.subject());
    }

    @Test
    void formatsAndLayersParse() {
        assertEquals(ReportFormat.MARKDOWN, ReportFormat.parse(" MD "));
        assertEquals(ReportFormat.TEXT, ReportFormat.parse("text"));
        assertEquals(ReportFormat.HTML, ReportFormat.parse("html"));
        assertEquals(ReportFormat.JUNIT, ReportFormat.parse("JUnit"));
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("xml"), "xml names no format in particular");
        assertEquals(ReportFormat.SARIF, ReportFormat.parse("Sarif"));
        assertEquals("unknown report format 'pdf', expected one of text, json, markdown, html, junit, sarif",
                assertThrows(IllegalArgumentException.class, () -> ReportFormat.parse("pdf")).getMessage());
        for (ReportFormat f : ReportFormat.values()) {
            assertEquals(f, f.renderer().format());
            assertEquals(f, ReportFormat.parse(f.id()));
        }
        assertEquals(ReportFormat.JSON, ReportFormat.JSON.renderer().format());
        assertEquals(ReportFormat.TEXT, ReportRenderer.of(ReportFormat.TEXT, true).format());
        assertEquals(FlowLayer.PVE_FW, FlowLayer.ofId("pve-fw"));
        assertThrows(IllegalArgumentException.class, () -> FlowLayer.ofId("pvefw"));
        assertEquals("lxc", NodeEntry.of("lxc:103", "Step-CA", "10.0.0.10").kind());
        assertEquals("host", NodeEntry.of("host", "", "").kind());
    }
}
