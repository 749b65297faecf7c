package io.phoenixdiag.net.logplan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A LOG plan: commands to run, commands that undo them, and what each log prefix means.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind           {@code iptables} (commands are {@code iptables -I/-A/-D}) or {@code pve} (commands are
 *                       {@code pvesh set} calls on the Proxmox API)
 * @param source         the dump file or {@code .fw} directory planned for
 * @param addCommands    shell commands that add the logging, in the order to run them
 * @param removeCommands shell commands that remove it again, in the order to run them
 * @param entries        one entry per logged rule or policy
 * @param notes          what the plan could not cover, one sentence each
 */
public record LogPlan(String kind, String source, List<String> addCommands, List<String> removeCommands,
                      List<Entry> entries, List<String> notes) {
    /**
     * What a log prefix stands for.
     *
     * @param prefix     the prefix as the kernel prints it before {@code IN=}, without the trailing space (for
     *                   iptables plans, e.g. {@code PHX7:INPUT:3:}); for pve plans the key pve-firewall's log
     *                   line carries: {@code <vmid>:<chain>:<message>}, e.g. {@code 103:veth103i0-IN:policy DROP}
     * @param table      the table ({@code filter} for pve plans)
     * @param chain      the chain
     * @param ruleNumber the 1-based rule number in its chain (iptables) or the rule's position in its
     *                   {@code .fw} rule list (pve); 0 for a policy
     * @param line       the dump or {@code .fw} line of the rule (or the chain/options), 0 when unknown
     * @param file       the file the rule is in
     * @param rule       the rule as written, or {@code policy DROP}
     * @param verdict    DROP or REJECT
     */
    public record Entry(String prefix, String table, String chain, int ruleNumber, int line, String file,
                        String rule, String verdict) {
        /**
         * Validates the components.
         *
         * @param prefix     the prefix
         * @param table      the table
         * @param chain      the chain
         * @param ruleNumber the rule number
         * @param line       the line
         * @param file       the file
         * @param rule       the rule text
         * @param verdict    the verdict
         * @throws NullPointerException if a component is null
         */
        public Entry {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(verdict, "verdict");
        }

        /**
         * Whether the entry stands for a chain policy rather than a rule.
         *
         * @return true for a policy
         */
        public boolean policy() {
            return ruleNumber == 0;
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param kind           the kind
     * @param source         the source
     * @param addCommands    the add commands
     * @param removeCommands the remove commands
     * @param entries        the entries
     * @param notes          the notes
     * @throws NullPointerException if a component is null
     */
    public LogPlan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        addCommands = List.copyOf(addCommands);
        removeCommands = List.copyOf(removeCommands);
        entries = List.copyOf(entries);
        notes = List.copyOf(notes);
    }

    /**
     * The entries with this prefix.
     *
     * @param prefix a prefix as in {@link Entry#prefix()}
     * @return the entries (several for a pve key shared by rules of one chain), in plan order
     */
    public List<Entry> lookup(String prefix) {
        return entries.stream().filter(e -> e.prefix().equals(prefix)).toList();
    }

    /**
     * The plan as JSON: {@code {"kind", "source", "add": [...], "remove": [...], "entries": [{"prefix",
     * "table", "chain", "ruleNumber", "line", "file", "rule", "verdict"}], "notes": [...]}}.
     *
     * @return pretty-printed JSON
     */
    public String toJson() {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode().put("kind", kind).put("source", source);
        addCommands.forEach(root.putArray("add")::add);
        removeCommands.forEach(root.putArray("remove")::add);
        ArrayNode es = root.putArray("entries");
        for (Entry e : entries) {
            es.addObject().put("prefix", e.prefix()).put("table", e.table()).put("chain", e.chain())
                    .put("ruleNumber", e.ruleNumber()).put("line", e.line()).put("file", e.file())
                    .put("rule", e.rule()).put("verdict", e.verdict());
        }
        notes.forEach(root.putArray("notes")::add);
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a plan written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the plan
     * @throws IllegalArgumentException if the text is not such a plan (the message names the field)
     */
    public static LogPlan fromJson(String json) {
        try {
            var root = new ObjectMapper().readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("a log plan is a JSON object");
            }
            List<Entry> entries = new java.util.ArrayList<>();
            var es = root.path("entries");
            if (!es.isArray()) {
                throw new IllegalArgumentException("/entries: expected an array");
            }
            for (int i = 0; i < es.size(); i++) {
                var e = es.get(i);
                for (String f : List.of("prefix", "chain", "rule", "verdict")) {
                    if (!e.path(f).isTextual()) {
                        throw new IllegalArgumentException("/entries/" + i + "/" + f + ": expected a string");
                    }
                }
                entries.add(new Entry(e.get("prefix").asText(), e.path("table").asText("filter"), e.get("chain").asText(),
                        e.path("ruleNumber").asInt(0), e.path("line").asInt(0), e.path("file").asText(""),
                        e.get("rule").asText(), e.get("verdict").asText()));
            }
            return new LogPlan(root.path("kind").asText("iptables"), root.path("source").asText(""),
                    strings(root.path("add")), strings(root.path("remove")), entries, strings(root.path("notes")));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + Optional.ofNullable(e.getMessage()).orElse("").split("\n")[0]);
        }
    }

    private static List<String> strings(com.fasterxml.jackson.databind.JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }
}
