package io.phoenixdiag.capture.internal;

import io.phoenixdiag.capture.dissect.DnsMessage;
import io.phoenixdiag.capture.dissect.DnsQuestion;
import io.phoenixdiag.capture.dissect.DnsRecord;
import io.phoenixdiag.capture.dissect.Side;
import java.util.ArrayList;
import java.util.List;

/** Parses DNS messages (RFC 1035 section 4), names with compression pointers (loop-safe). */
public final class DnsParser {
    private static final int MAX_RECORDS = 64;

    private DnsParser() {
    }

    /**
     * Parses one message.
     *
     * @param b         the bytes
     * @param off       start of the message
     * @param len       its length
     * @param sender    who sent it
     * @param transport udp or tcp
     * @param ts        time, ns since the epoch
     * @return the message
     * @throws Malformed if it is not a well-formed DNS message
     */
    public static DnsMessage parse(byte[] b, int off, int len, Side sender, String transport, long ts) throws Malformed {
        Cursor c = new Cursor(b, off, len);
        int id = c.u16();
        int fl = c.u16();
        int qd = c.u16();
        int an = c.u16();
        c.u16();
        c.u16();
        if (qd > MAX_RECORDS || an > 256) {
            throw new Malformed("DNS header counts " + qd + " questions and " + an + " answers");
        }
        List<DnsQuestion> qs = new ArrayList<>();
        for (int i = 0; i < qd; i++) {
            String name = name(c);
            qs.add(new DnsQuestion(name, c.u16(), c.u16()));
        }
        List<DnsRecord> as = new ArrayList<>();
        for (int i = 0; i < an; i++) {
            String name = name(c);
            int type = c.u16();
            c.u16();
            long ttl = c.u32();
            int rdlen = c.u16();
            int rdStart = c.position();
            Cursor rd = c.slice(rdlen);
            String data;
            if (type == 1 && rdlen == 4) {
                data = rd.u8() + "." + rd.u8() + "." + rd.u8() + "." + rd.u8();
            } else if (type == 28 && rdlen == 16) {
                long hi = ((long) rd.u32() << 32) | rd.u32();
                long lo = ((long) rd.u32() << 32) | rd.u32();
                data = Addresses.format(hi, lo);
            } else if (type == 5 || type == 12 || type == 2) {
                Cursor at = new Cursor(b, off, len);
                at.seek(rdStart);
                data = name(at);
            } else if (type == 15 && rdlen >= 3) {
                Cursor at = new Cursor(b, off, len);
                at.seek(rdStart);
                int pref = at.u16();
                data = pref + " " + name(at);
            } else if (type == 16) {
                StringBuilder sb = new StringBuilder();
                while (rd.remaining() > 0) {
                    int n = rd.u8();
                    sb.append(sb.length() == 0 ? "\"" : " \"").append(rd.text(n)).append('"');
                }
                data = sb.toString();
            } else {
                data = "<" + rdlen + " bytes>";
            }
            if (as.size() < MAX_RECORDS) {
                as.add(new DnsRecord(name, type, ttl, data));
            }
        }
        return new DnsMessage(sender, transport, ts, id, (fl & 0x8000) != 0, (fl >> 11) & 0xf, fl & 0xf,
                (fl & 0x0200) != 0, qs, as);
    }

    private static String name(Cursor c) throws Malformed {
        StringBuilder sb = new StringBuilder();
        byte[] b = c.array();
        int msgStart = c.start();
        int msgEnd = c.end();
        int p = c.start() + c.position();
        int after = -1;
        int jumps = 0;
        while (true) {
            if (p >= msgEnd) {
                throw new Malformed("DNS name runs past the message");
            }
            int l = b[p] & 0xff;
            if (l == 0) {
                p++;
                break;
            }
            if ((l & 0xc0) == 0xc0) {
                if (p + 1 >= msgEnd) {
                    throw new Malformed("DNS compression pointer truncated");
                }
                int target = msgStart + (((l & 0x3f) << 8) | (b[p + 1] & 0xff));
                if (after < 0) {
                    after = p + 2;
                }
                if (++jumps > 32) {
                    throw new Malformed("DNS compression pointer loop");
                }
                p = target;
                continue;
            }
            if ((l & 0xc0) != 0) {
                throw new Malformed("DNS label type " + (l >> 6) + " is not supported");
            }
            if (p + 1 + l > msgEnd) {
                throw new Malformed("DNS label runs past the message");
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            for (int i = 0; i < l; i++) {
                int ch = b[p + 1 + i] & 0xff;
                if (ch > 0x20 && ch < 0x7f && ch != '.' && ch != '\\') {
                    sb.append((char) ch);
                } else {
                    sb.append(String.format("\\%03d", ch));
                }
            }
            if (sb.length() > 1024) {
                throw new Malformed("DNS name longer than 1024 characters");
            }
            p += 1 + l;
        }
        c.seek((after >= 0 ? after : p) - msgStart);
        return sb.toString();
    }
}
