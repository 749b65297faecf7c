package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** User text must not break Markdown tables, Mermaid diagrams or the terminal. */
class RendererEscapingTest {

    /** Splits a GFM table row into cells, honouring backslash escapes. */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length()) {
                cell.append(c).append(row.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }

    /** Every table in a Markdown text: each row has as many cells as its header. */
    static void assertTablesWellFormed(String markdown) {
        List<String> lines = markdown.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|")) {
                header = -1;
                continue;
            }
            assertTrue(line.endsWith(" |") || line.endsWith("---|"), "row ends with a pipe: " + line);
            if (header < 0) {
                header = cells(line).size();
            } else {
                assertEquals(header, cells(line).size(), "cells of row: " + line);
            }
        }
    }

    @Test
    void markdownEscapesUserText() {
        assertEquals("a\\|b", MarkdownRenderer.md("a|b"));
        assertEquals("say \"hi\" &lt;b&gt; &amp; \\*x\\* \\_y\\_ \\[l\\] \\`c\\` \\\\n", MarkdownRenderer.md("say \"hi\" <b> & *x* _y_ [l] `c` \\n"));
        assertEquals("line1<br>line2<br>line3", MarkdownRenderer.md("line1\nline2\r\nline3"));
        assertEquals("esc\\\\x1b\\[31m", MarkdownRenderer.md("esc\u001b[31m"));
        assertEquals("1.5 - a", MarkdownRenderer.md("1.5 - a"));
        assertEquals("\\- item", MarkdownRenderer.mdBlock("- item"));
        assertEquals("\\# heading", MarkdownRenderer.mdBlock("# heading"));
        assertEquals("12\\. point", MarkdownRenderer.mdBlock("12. point"));
        assertEquals("12 apples", MarkdownRenderer.mdBlock("12 apples"));
        assertEquals("", MarkdownRenderer.mdBlock(""));
    }

    @Test
    void mermaidEscapesUserText() {
        assertEquals("a#124;b #quot;q#quot; #lt;x#gt; #amp; #35;1 #96;c#96; x#59; y", MarkdownRenderer.mermaid("a|b \"q\" <x> & #1 `c` x; y"));
        assertEquals("two lines", MarkdownRenderer.mermaid("two\nlines"));
    }

    @Test
    void hostileNamesDoNotBreakTablesOrTheDiagram() {
        String evil = "a|b \"quoted\" ]) --> x; `end` \n| --- |";
        Report r = Report.builder()
                .node(NodeEntry.of("lxc:1", evil, "10.0.0.1"))
                .flow(FlowEntry.builder("lxc:1", evil, "tcp", 80).purpose(evil)
                        .verdict(FlowVerdict.of(FlowLayer.INTENT, FlowState.BLOCKED_HOST_FORWARD, evil)).build())
                .finding(Finding.builder("a.b", Severity.ERROR).title(evil).subject(evil).message(evil).evidence(evil).build())
                .role(RoleEntry.of(evil, evil, evil))
                .notRun(evil, evil)
                .build();
        String md = ReportRenderer.markdown().render(r);
        assertTablesWellFormed(md);
        String diagram = md.substring(md.indexOf("```mermaid\n") + 11, md.indexOf("\n```\n"));
        assertEquals(List.of(
                        "flowchart LR",
                        "  n0[\"a#124;b #quot;quoted#quot; ]) --#gt; x#59; #96;end#96;  #124; --- #124;<br/>lxc:1<br/>10.0.0.1\"]",
                        "  n1[\"a#124;b #quot;quoted#quot; ]) --#gt; x#59; #96;end#96;  #124; --- #124;\"]",
                        "  n0 -->|\"tcp/80\"| n1",
                        "  linkStyle 0 " + MarkdownRenderer.BLOCKED_STYLE),
                diagram.lines().toList());
        assertTrue(md.contains("| a.b |") || md.contains("`a.b`"));
        assertFalse(md.contains("\n| --- |"), "a user's fake table row never starts a line");
    }

    @Test
    void plainTextNeutralisesTerminalControls() {
        Report r = Report.builder()
                .finding(Finding.builder("a.b", Severity.WARNING).title("t\u001b[2Jx").message("m\u0007\u009b1;1H\u202e").build())
                .build();
        String text = ReportRenderer.text(false).render(r);
        assertFalse(text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c)), text);
        assertTrue(text.contains("[a.b] t\\x1b[2Jx\n"), text);
        assertTrue(text.contains("    m\\x07\\x9b1;1H\\u202e\n"), text);
    }
}
