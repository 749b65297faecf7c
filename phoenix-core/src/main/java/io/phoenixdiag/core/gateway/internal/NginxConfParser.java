package io.phoenixdiag.core.gateway.internal;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.gateway.NginxConfig;
import io.phoenixdiag.core.gateway.NginxDirective;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The nginx configuration tokenizer and parser, following {@code ngx_conf_read_token} (nginx
 * {@code src/core/ngx_conf_file.c}): words end at whitespace, {@code ;} or an opening brace (not after {@code $});
 * {@code #} starts a comment only where a word could start; single- and double-quoted strings resolve
 * {@code \" \' \\ \t \r \n}; a quoted string must be followed by whitespace, {@code ;} or an opening brace.
 * Not thread-safe per instance; the static entry points are thread-safe.
 */
public final class NginxConfParser {

    private static final int MAX_INCLUDE_DEPTH = 16;

    private final List<Finding> findings = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final Path root;
    private final Deque<Path> includeStack = new ArrayDeque<>();

    private NginxConfParser(Path root) {
        this.root = root;
    }

    /**
     * Parses text without resolving includes.
     *
     * @param fileName the file label; not empty
     * @param text the text
     * @return the parsed configuration
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code fileName} is empty
     */
    public static NginxConfig parse(String fileName, String text) {
        Objects.requireNonNull(text, "text");
        Location.ofFile(fileName);
        NginxConfParser p = new NginxConfParser(null);
        p.files.add(fileName);
        List<NginxDirective> ds = p.parseText(fileName, text);
        return new NginxConfig(ds, p.findings, p.files);
    }

    /**
     * Reads a file and resolves includes against a root directory.
     *
     * @param file the main file
     * @param root the include root
     * @return the parsed configuration
     * @throws NullPointerException if an argument is null
     */
    public static NginxConfig load(Path file, Path root) {
        Objects.requireNonNull(file, "file");
        NginxConfParser p = new NginxConfParser(Objects.requireNonNull(root, "root"));
        List<NginxDirective> ds = p.readFile(file, null).orElse(List.of());
        return new NginxConfig(ds, p.findings, p.files);
    }

    private java.util.Optional<List<NginxDirective>> readFile(Path file, Location from) {
        String label = file.toString();
        Path norm = file.toAbsolutePath().normalize();
        if (includeStack.contains(norm) || includeStack.size() >= MAX_INCLUDE_DEPTH) {
            findings.add(Finding.builder(NginxConfig.INCLUDE_CHECK, Severity.ERROR)
                    .title("nginx include cycle")
                    .message(label + " includes itself through " + includeStack + "; the repeated include is skipped.")
                    .subject(label).location(from == null ? Location.ofFile(label) : from)
                    .remediation("Remove the include that closes the cycle.").build());
            return java.util.Optional.empty();
        }
        java.util.Optional<Finding> outside = root == null ? java.util.Optional.empty()
                : Confined.outside(file, root, NginxConfig.INCLUDE_CHECK, java.util.Optional.ofNullable(from));
        if (outside.isPresent()) {
            findings.add(outside.get());
            return java.util.Optional.empty();
        }
        String text;
        try {
            Utf8 u = Utf8.decode(Files.readAllBytes(file));
            text = u.text();
            if (!u.valid()) {
                Location bad = Location.ofLine(label, u.badLine(), u.badColumn());
                findings.add(Finding.builder(NginxConfig.SYNTAX_CHECK, Severity.WARNING)
                        .title("nginx configuration file is not UTF-8")
                        .message(bad + ": the file is not valid UTF-8 from here on (first invalid byte); nginx reads"
                                + " bytes, so this is legal in comments and strings, but names and addresses must be"
                                + " ASCII. Invalid bytes are read as U+FFFD.")
                        .subject(label).location(bad)
                        .remediation("Save the file as UTF-8 (or ASCII).").build());
            }
        } catch (IOException | RuntimeException e) {
            findings.add(Finding.builder(NginxConfig.INCLUDE_CHECK, Severity.ERROR)
                    .title("nginx configuration file unreadable")
                    .message("Cannot read " + label + " (" + e.getClass().getSimpleName() + ")"
                            + (from == null ? "." : ", included from " + from + "."))
                    .subject(label).location(from == null ? Location.ofFile(label) : from)
                    .remediation("Check the path and its permissions.").build());
            return java.util.Optional.empty();
        }
        files.add(label);
        includeStack.push(norm);
        try {
            return java.util.Optional.of(parseText(label, text));
        } finally {
            includeStack.pop();
        }
    }

    private List<NginxDirective> include(NginxDirective inc) {
        String arg = inc.arg(0);
        if (inc.args().size() != 1 || arg.isEmpty()) {
            syntax(inc.location(), "invalid number of arguments in \"include\"", "exactly one path");
            return List.of();
        }
        Path p = Path.of(arg);
        if (!p.isAbsolute()) {
            p = root.resolve(p);
        }
        boolean glob = arg.indexOf('*') >= 0 || arg.indexOf('?') >= 0 || arg.indexOf('[') >= 0;
        if (!glob) {
            if (!Files.isRegularFile(p)) {
                findings.add(Finding.builder(NginxConfig.INCLUDE_CHECK, Severity.ERROR)
                        .title("nginx include names a missing file")
                        .message("include \"" + arg + "\" at " + inc.location() + " names " + p
                                + ", which does not exist; nginx -t would fail.")
                        .subject(p.toString()).location(inc.location())
                        .remediation("Create the file or correct the path (relative paths resolve against " + root + ").")
                        .build());
                return List.of();
            }
            return readFile(p, inc.location()).orElse(List.of());
        }
        Path dir = p.getParent() == null ? root : p.getParent();
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path c : ds) {
                    if (m.matches(c.getFileName()) && Files.isRegularFile(c)) {
                        matches.add(c);
                    }
                }
            } catch (IOException e) {
                findings.add(Finding.builder(NginxConfig.INCLUDE_CHECK, Severity.ERROR)
                        .title("nginx include directory unreadable")
                        .message("Cannot list " + dir + " for include \"" + arg + "\" at " + inc.location() + ".")
                        .subject(dir.toString()).location(inc.location()).build());
            }
        }
        matches.sort(null);
        List<NginxDirective> out = new ArrayList<>();
        for (Path c : matches) {
            out.addAll(readFile(c, inc.location()).orElse(List.of()));
        }
        return out;
    }

    // ---------------------------------------------------------------- tokenizer

    private enum Kind { WORD, SEMI, OPEN, CLOSE, EOF }

    private record Token(Kind kind, String text, int line, int col) {
    }

    private final class Lexer {
        private final String file;
        private final String s;
        private int i;
        private int line = 1;
        private int col = 1;
        /** Set when a quoted string ran to the end of the file: the end-of-file errors that follow are its echo. */
        private boolean unterminated;

        Lexer(String file, String s) {
            this.file = file;
            this.s = s;
        }

        private char advance() {
            char c = s.charAt(i++);
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            return c;
        }

        Token next() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    advance();
                } else if (c == '#') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        advance();
                    }
                } else {
                    break;
                }
            }
            if (i >= s.length()) {
                return new Token(Kind.EOF, "end of file", line, col);
            }
            int l = line;
            int cc = col;
            char c = s.charAt(i);
            switch (c) {
                case ';':
                    advance();
                    return new Token(Kind.SEMI, ";", l, cc);
                case '{':
                    advance();
                    return new Token(Kind.OPEN, "{", l, cc);
                case '}':
                    advance();
                    return new Token(Kind.CLOSE, "}", l, cc);
                case '"':
                case '\'':
                    return quoted(c, l, cc);
                default:
                    return word(l, cc);
            }
        }

        private Token quoted(char q, int l, int cc) {
            advance();
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    syntax(Location.ofLine(file, l, cc), "the string opened with " + q + " here is not closed before"
                            + " the end of the file (line " + line + ", column " + col + ")", "closing " + q);
                    unterminated = true;
                    return new Token(Kind.WORD, sb.toString(), l, cc);
                }
                char c = advance();
                if (c == q) {
                    break;
                }
                if (c == '\\' && i < s.length()) {
                    escape(advance(), sb);
                } else {
                    sb.append(c);
                }
            }
            if (i < s.length()) {
                char n = s.charAt(i);
                if (!Character.isWhitespace(n) && n != ';' && n != '{') {
                    syntax(Location.ofLine(file, line, col), "unexpected \"" + n + "\" after a quoted string",
                            "whitespace, \";\" or \"{\"");
                }
            }
            return new Token(Kind.WORD, sb.toString(), l, cc);
        }

        private Token word(int l, int cc) {
            StringBuilder sb = new StringBuilder();
            boolean variable = false;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '{' && variable) {
                    sb.append(advance());
                    variable = false;
                    continue;
                }
                variable = false;
                if (Character.isWhitespace(c) || c == ';' || c == '{') {
                    break;
                }
                advance();
                if (c == '\\' && i < s.length()) {
                    escape(advance(), sb);
                } else {
                    if (c == '$') {
                        variable = true;
                    }
                    sb.append(c);
                }
            }
            return new Token(Kind.WORD, sb.toString(), l, cc);
        }

        private void escape(char e, StringBuilder sb) {
            switch (e) {
                case '"', '\'', '\\' -> sb.append(e);
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'n' -> sb.append('\n');
                default -> sb.append('\\').append(e);
            }
        }
    }

    // ---------------------------------------------------------------- parser

    private List<NginxDirective> parseText(String file, String text) {
        Lexer lx = new Lexer(file, text);
        return block(lx, file, false, 0, 0);
    }

    private List<NginxDirective> block(Lexer lx, String file, boolean nested, int openLine, int openCol) {
        List<NginxDirective> out = new ArrayList<>();
        while (true) {
            Token t = lx.next();
            switch (t.kind()) {
                case EOF -> {
                    if (nested && !lx.unterminated) {
                        syntax(Location.ofLine(file, t.line(), t.col()), "unexpected end of file (block opened at line "
                                + openLine + ", column " + openCol + " is not closed)", "\"}\"");
                    }
                    return out;
                }
                case CLOSE -> {
                    if (nested) {
                        return out;
                    }
                    syntax(Location.ofLine(file, t.line(), t.col()), "unexpected \"}\"", "a directive");
                }
                case SEMI -> syntax(Location.ofLine(file, t.line(), t.col()), "unexpected \";\"", "a directive name");
                case OPEN -> {
                    syntax(Location.ofLine(file, t.line(), t.col()), "unexpected \"{\"", "a directive name");
                    block(lx, file, true, t.line(), t.col());
                }
                case WORD -> {
                    if (directive(lx, file, t, out)) {
                        return out;
                    }
                }
                default -> throw new IllegalStateException(t.kind().name());
            }
        }
    }

    /** Parses one directive after its name; returns true when the enclosing block ended (EOF or "}"). */
    private boolean directive(Lexer lx, String file, Token name, List<NginxDirective> out0) {
        Location loc = Location.ofLine(file, name.line(), name.col());
        List<NginxDirective> out = out0;
        if (name.text().isEmpty()) {
            syntax(loc, "empty directive name", "a directive name"); // parsed to find its end, then dropped
        }
        List<String> args = new ArrayList<>();
        while (true) {
            Token t = lx.next();
            switch (t.kind()) {
                case WORD -> args.add(t.text());
                case SEMI -> {
                    if (!name.text().isEmpty()) {
                        add(new NginxDirective(name.text(), args, List.of(), false, loc), out);
                    }
                    return false;
                }
                case OPEN -> {
                    List<NginxDirective> kids = block(lx, file, true, t.line(), t.col());
                    if (!name.text().isEmpty()) {
                        out.add(new NginxDirective(name.text(), args, kids, true, loc));
                    }
                    return false;
                }
                case CLOSE, EOF -> {
                    if (lx.unterminated) {
                        return true; // the directive swallowed by the unterminated string is dropped
                    }
                    syntax(Location.ofLine(file, t.line(), t.col()), "unexpected " + (t.kind() == Kind.EOF
                            ? "end of file" : "\"}\"") + " after directive " + Shown.directive(name.text()) + " at line "
                            + name.line() + ", column " + name.col(), "\";\" or \"{\"");
                    if (!name.text().isEmpty()) {
                        add(new NginxDirective(name.text(), args, List.of(), false, loc), out);
                    }
                    return true;
                }
                default -> throw new IllegalStateException(t.kind().name());
            }
        }
    }

    private void add(NginxDirective d, List<NginxDirective> out) {
        if (root != null && d.name().equals("include")) {
            out.addAll(include(d));
        } else {
            out.add(d);
        }
    }

    private void syntax(Location at, String what, String expected) {
        findings.add(Finding.builder(NginxConfig.SYNTAX_CHECK, Severity.ERROR)
                .title("nginx syntax error")
                .message(at + ": " + what + "; expected " + expected + ".")
                .subject(at.file()).location(at)
                .remediation("Correct the syntax; nginx -t rejects this file.").build());
    }
}
