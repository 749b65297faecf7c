package io.phoenixdiag.capture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** In-order reassembly with TCP's modulo-2^32 sequence numbers (RFC 9293 section 3.4, RFC 1982). */
class ReassemblerTest {

    /** Collects every byte handed to the consumer. */
    private static final class Sink implements Reassembler.Consumer {
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        @Override
        public int consume(byte[] b, int len, long ts) {
            seen.write(b, 0, len);
            return len;
        }

        String text() {
            return seen.toString(StandardCharsets.US_ASCII);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void outOfOrderSegmentsAreDeliveredInOrderAcrossTheWrap() {
        Sink sink = new Sink();
        Reassembler r = new Reassembler(sink, 1 << 20);
        int isn = -3; // 0xFFFFFFFD: the stream wraps after three bytes
        r.start(isn);
        r.add(isn + 3, ascii("def"), 0, 3, 2);
        r.add(isn, ascii("abc"), 0, 3, 1);
        assertEquals("abcdef", sink.text());
        assertFalse(r.hadGap());
    }

    @Test
    void aSegmentHalfTheSequenceSpaceAwayIsOldDataNotACrash() {
        Sink sink = new Sink();
        Reassembler r = new Reassembler(sink, 1 << 20);
        r.start(1000);
        r.add(1000, ascii("ok"), 0, 2, 1);
        // exactly 2^31 behind the next expected byte: -delta overflows an int
        r.add(1002 + Integer.MIN_VALUE, ascii("xyz"), 0, 3, 2);
        r.add(1002, ascii("!"), 0, 1, 3);
        assertEquals("ok!", sink.text());
        assertFalse(r.finished());
    }

    @Test
    void retransmittedOverlapIsTrimmed() {
        Sink sink = new Sink();
        Reassembler r = new Reassembler(sink, 1 << 20);
        r.start(10);
        r.add(10, ascii("hello"), 0, 5, 1);
        r.add(12, ascii("llo world"), 0, 9, 2);
        assertEquals("hello world", sink.text());
    }

    @Test
    void aHoleTooFarAheadMarksAGap() {
        Sink sink = new Sink();
        Reassembler r = new Reassembler(sink, 1 << 20);
        r.start(0);
        r.add((1 << 20) + 1, ascii("late"), 0, 4, 1);
        assertTrue(r.hadGap());
        assertTrue(r.finished());
    }

    @Property(tries = 500)
    void anySequenceNumberIsSafe(@ForAll int start, @ForAll int seq, @ForAll @IntRange(min = 1, max = 64) int n) {
        Sink sink = new Sink();
        Reassembler r = new Reassembler(sink, 1 << 20);
        r.start(start);
        r.add(seq, new byte[n], 0, n, 1);
        r.add(start, ascii("a"), 0, 1, 2);
        // never an exception; the stream's first byte arrives unless the first segment was too far ahead (a gap)
        assertEquals(!r.hadGap(), sink.seen.size() >= 1);
    }
}
