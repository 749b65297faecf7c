package io.phoenixdiag.core.gateway.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a gateway file's bytes as UTF-8 without failing: invalid sequences become U+FFFD, and the 1-based line
 * and column (in characters) of the first one are kept so that a finding can name it. Thread-safe (stateless).
 *
 * @param text the decoded text, U+FFFD for each invalid sequence
 * @param badLine the line of the first invalid byte, or 0 when the bytes are valid UTF-8
 * @param badColumn its column, or 0
 */
record Utf8(String text, int badLine, int badColumn) {

    /** Whether the bytes were valid UTF-8. */
    boolean valid() {
        return badLine == 0;
    }

    /** Decodes bytes (RFC 3629); never throws for bad input. */
    static Utf8 decode(byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = strict.decode(ByteBuffer.wrap(bytes), out, true);
        if (!r.isError()) {
            strict.flush(out);
            out.flip();
            return new Utf8(out.toString(), 0, 0);
        }
        out.flip();
        int line = 1;
        int col = 1;
        for (int i = 0; i < out.limit(); i++) {
            if (out.get(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8); // replaces invalid sequences with U+FFFD
        return new Utf8(text, line, col);
    }
}
