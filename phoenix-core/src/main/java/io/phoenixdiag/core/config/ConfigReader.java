package io.phoenixdiag.core.config;

import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads one kind of Phoenix JSON file into its record, from a {@link Path}, an {@link InputStream} or a
 * {@link String}. Get one from {@link PhoenixLoader} (e.g. {@link PhoenixLoader#LXC}).
 *
 * <p>Loading never throws for bad input: malformed JSON is an ERROR finding ({@code config.malformed-json},
 * with line and column) and an empty value; an unreadable value is a {@code config.invalid-value} WARNING
 * and only that element is skipped; duplicate keys keep the last value with a {@code config.duplicate-key}
 * WARNING; unknown fields are kept in the records' {@code extraFields} and listed in one
 * {@code config.unknown-fields} INFO. When a schema directory is known (the file's own directory for
 * {@link #load(Path)}, or {@link #withSchemaDirectory(Path)}), the document is validated against its JSON
 * schema (draft-07) and each deviation is a {@code config.schema-deviation} WARNING.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the record type of the file kind
 */
public final class ConfigReader<T> {

    /** The largest Phoenix JSON file read, in bytes (32 MiB); larger files are reported, not read. */
    public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    private final PhoenixFileKind kind;
    private final Mapper<T> mapper;
    private final Optional<Path> schemaDirectory;

    ConfigReader(PhoenixFileKind kind, Mapper<T> mapper, Optional<Path> schemaDirectory) {
        this.kind = kind;
        this.mapper = mapper;
        this.schemaDirectory = schemaDirectory;
    }

    /** Maps a parsed document to its record; throws {@link Fields.Skip} after reporting when it cannot. */
    interface Mapper<T> {
        T map(String stackName, JNode root, LoadContext ctx);
    }

    /** What one file gave: the value, findings and secret occurrences. */
    static final class Loaded<T> {
        final Optional<T> value;
        final List<Finding> findings;
        final List<SecretOccurrence> secrets;

        Loaded(Optional<T> value, List<Finding> findings, List<SecretOccurrence> secrets) {
            this.value = value;
            this.findings = findings;
            this.secrets = secrets;
        }

        LoadResult<Optional<T>> result() {
            return new LoadResult<>(value, findings);
        }
    }

    /**
     * The kind of file this reader loads.
     *
     * @return the kind
     */
    public PhoenixFileKind kind() {
        return kind;
    }

    /**
     * A reader that validates against the schemas in a directory (for {@link InputStream} and
     * {@link String} input, which have no directory of their own).
     *
     * @param directory where the schema files are
     * @return a new reader; this one is unchanged
     * @throws NullPointerException if {@code directory} is null
     */
    public ConfigReader<T> withSchemaDirectory(Path directory) {
        return new ConfigReader<>(kind, mapper, Optional.of(Objects.requireNonNull(directory, "directory")));
    }

    /**
     * Loads a file, validating it against the schema in its own directory (or the one set with
     * {@link #withSchemaDirectory(Path)}).
     *
     * @param file the file; its path is the label in findings
     * @return the record (empty when the file cannot be read or is not JSON) and the findings
     * @throws NullPointerException if {@code file} is null
     */
    public LoadResult<Optional<T>> load(Path file) {
        return read(file, file.toString()).result();
    }

    /**
     * Loads JSON from a stream (read fully as UTF-8; the stream is not closed).
     *
     * @param in    the stream
     * @param label the name for findings, e.g. a file name or {@code <stdin>}; not empty
     * @return the record (empty when the input cannot be read or is not JSON) and the findings
     * @throws NullPointerException if an argument is null
     */
    public LoadResult<Optional<T>> load(InputStream in, String label) {
        Objects.requireNonNull(in, "in");
        try {
            return decode(in.readAllBytes(), label, schemaDirectory).result();
        } catch (IOException e) {
            return unreadable(label, e).result();
        }
    }

    /**
     * Loads JSON text.
     *
     * @param json  the document
     * @param label the name for findings, e.g. a file name; not empty. For {@link PhoenixFileKind#STACK} a label
     *              ending in {@code <name>/phoenix.json} gives the stack its name
     * @return the record (empty when the text is not JSON) and the findings
     * @throws NullPointerException if an argument is null
     */
    public LoadResult<Optional<T>> load(String json, String label) {
        return parse(Objects.requireNonNull(json, "json"), label, schemaDirectory).result();
    }

    Loaded<T> read(Path file, String label) {
        Objects.requireNonNull(file, "file");
        Optional<Path> schemaDir = schemaDirectory.or(() -> Optional.ofNullable(file.toAbsolutePath().getParent()));
        try {
            if (!Files.isRegularFile(file)) {
                return unreadable(label, new IOException(Files.isDirectory(file) ? "a directory, not a file"
                        : Files.exists(file) ? "not a regular file (a device, FIFO or socket)" : "no such file"));
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return unreadable(label, new IOException(size + " bytes, more than the " + MAX_FILE_BYTES
                        + " bytes a Phoenix file may have"));
            }
            return decode(Files.readAllBytes(file), label, schemaDir);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return unreadable(label, e instanceof IOException io ? io : new IOException("invalid path"));
        }
    }

    private Loaded<T> decode(byte[] bytes, String label, Optional<Path> schemaDir) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return parse(text.startsWith("\uFEFF") ? text.substring(1) : text, label, schemaDir);
        } catch (CharacterCodingException e) {
            LoadContext ctx = new LoadContext(label);
            ctx.add(ctx.finding("config.malformed-json", Severity.ERROR, "File is not UTF-8 text")
                    .message(label + " is not valid UTF-8 text (JSON must be UTF-8, RFC 8259 section 8.1); "
                            + "the file is skipped.")
                    .location(Location.ofFile(label)));
            return new Loaded<>(Optional.empty(), ctx.findings(), List.of());
        }
    }

    private Loaded<T> unreadable(String label, IOException e) {
        LoadContext ctx = new LoadContext(label);
        String why = e.getClass() == IOException.class && e.getMessage() != null ? e.getMessage()
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemLoopException ? "a symbolic-link loop"
                : e instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text"
                : e.getClass().getSimpleName();
        ctx.add(ctx.finding("config.unreadable-file", Severity.ERROR, "Cannot read file")
                .message(label + " could not be read (" + why + "); the file is skipped.")
                .remediation("Check that the file exists and is readable.")
                .location(Location.ofFile(label)));
        return new Loaded<>(Optional.empty(), ctx.findings(), List.of());
    }

    private Loaded<T> parse(String text, String label, Optional<Path> schemaDir) {
        LoadContext ctx = new LoadContext(Objects.requireNonNull(label, "label"));
        if (label.isEmpty()) {
            throw new IllegalArgumentException("label must not be empty");
        }
        Optional<JNode> root = JsonTreeParser.parse(text, ctx);
        if (root.isEmpty()) {
            return new Loaded<>(Optional.empty(), ctx.findings(), List.of());
        }
        SecretScanner.scan(root.get(), ctx);
        Optional<T> value = Optional.empty();
        try {
            value = Optional.of(mapper.map(stackName(label), root.get(), ctx));
        } catch (Fields.Skip skip) {
            ctx.add(ctx.finding("config.unusable-file", Severity.ERROR, "File has the wrong shape")
                    .message(label + " does not hold a " + kind.fileName() + " document (see the finding before); "
                            + "the file is skipped.")
                    .location(ctx.at(root.get())));
        }
        ctx.finish();
        SchemaCheck.validate(text, root.get(), kind, schemaDir, ctx);
        return new Loaded<>(value, ctx.findings(), ctx.secrets());
    }

    private static String stackName(String label) {
        String[] parts = label.split("[/\\\\]");
        return parts.length >= 2 && parts[parts.length - 1].equals(PhoenixFileKind.STACK.fileName())
                ? parts[parts.length - 2] : "";
    }
}
