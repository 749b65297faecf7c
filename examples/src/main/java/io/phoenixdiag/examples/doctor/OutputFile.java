package io.phoenixdiag.examples.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a command's {@code --output FILE} atomically: the UTF-8 bytes go to a temporary file in the same
 * directory, which then replaces {@code FILE} in one rename, so a failure never leaves a partial file.
 * Unpaired surrogates are encoded as {@code ?}, as on standard output. Stateless.
 */
final class OutputFile {
    private OutputFile() {
    }

    /**
     * Writes {@code text} to {@code file}.
     *
     * @param file the file to create or replace
     * @param text the text; a malformed UTF-16 sequence (a lone surrogate) becomes {@code ?}
     * @throws IOException if the directory is not writable or the rename fails (nothing is left behind)
     */
    static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8); // replaces malformed input with '?'
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (view != null) {
                view.setPermissions(Files.exists(abs) ? Files.getPosixFilePermissions(abs)
                        : PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
