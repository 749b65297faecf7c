package io.phoenixdiag.capture.internal;

import io.phoenixdiag.capture.dissect.ClientHello;
import io.phoenixdiag.capture.dissect.ServerHello;
import io.phoenixdiag.capture.dissect.Side;
import io.phoenixdiag.capture.dissect.TlsAlert;
import io.phoenixdiag.capture.dissect.TlsSession;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the TLS record layer of both directions of one TCP flow (RFC 8446 section 5, RFC 5246 section 6.2):
 * records reassembled across segments, handshake messages reassembled across records, alerts, and the
 * plaintext ClientHello, ServerHello and (TLS 1.2) Certificate messages. Directions are named A and B
 * (the flow key's canonical ends) and mapped to originator/responder when the session is built.
 */
public final class TlsTracker {
    private static final int MAX_RECORD = 16384 + 2048 + 256;
    private static final int MAX_HANDSHAKE = 1 << 17;
    private static final byte[] HRR_RANDOM = {
        (byte) 0xCF, 0x21, (byte) 0xAD, 0x74, (byte) 0xE5, (byte) 0x9A, 0x61, 0x11, (byte) 0xBE, 0x1D, (byte) 0x8C, 0x02,
        0x1E, 0x65, (byte) 0xB8, (byte) 0x91, (byte) 0xC2, (byte) 0xA2, 0x11, 0x16, 0x7A, (byte) 0xBB, (byte) 0x8C, 0x5E,
        0x07, (byte) 0x9E, 0x09, (byte) 0xE2, (byte) 0xC8, (byte) 0xA8, 0x33, (byte) 0x9C};

    private record Event(boolean fromA, TlsAlert alert, String message) {
    }

    private ClientHello clientHello;
    private ServerHello serverHello;
    private final List<X509Certificate> certsA = new ArrayList<>();
    private final List<X509Certificate> certsB = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private boolean tls13;
    /** Direction A. */
    public final Dir a = new Dir(true);
    /** Direction B. */
    public final Dir b = new Dir(false);

    /** Whether any TLS record was parsed. */
    private boolean seen;

    /**
     * Whether any record has been recognised.
     *
     * @return true once TLS was seen
     */
    public boolean seen() {
        return seen;
    }

    /** One direction's parser. */
    public final class Dir implements Reassembler.Consumer {
        private final boolean fromA;
        private boolean encrypted;
        private boolean ccs;
        private boolean dead;
        private long appData;
        private byte[] hs = new byte[0];
        private int hsLen;
        private boolean records;

        Dir(boolean fromA) {
            this.fromA = fromA;
        }

        @Override
        public int consume(byte[] buf, int len, long ts) {
            int off = 0;
            while (len - off >= 5) {
                int type = buf[off] & 0xff;
                int major = buf[off + 1] & 0xff;
                int rlen = (buf[off + 3] & 0xff) << 8 | (buf[off + 4] & 0xff);
                if (type < 20 || type > 24 || major != 3 || rlen > MAX_RECORD) {
                    if (records) {
                        problems.add((fromA ? "A" : "B") + ": bytes after TLS records are not a TLS record (type "
                                + type + ", version major " + major + ", length " + rlen + "); parsing stopped");
                    }
                    dead = true;
                    return -1;
                }
                if (len - off < 5 + rlen) {
                    break;
                }
                records = true;
                seen = true;
                record(type, buf, off + 5, rlen, ts);
                off += 5 + rlen;
            }
            return off;
        }

        private void record(int type, byte[] buf, int off, int rlen, long ts) {
            switch (type) {
                case 20:
                    ccs = true;
                    encrypted = true;
                    break;
                case 21:
                    if (rlen == 2) {
                        int level = buf[off] & 0xff;
                        int code = buf[off + 1] & 0xff;
                        events.add(new Event(fromA, new TlsAlert(Side.ORIGINATOR, level, code, false, ts), null));
                    } else {
                        events.add(new Event(fromA, new TlsAlert(Side.ORIGINATOR, -1, -1, true, ts), null));
                    }
                    break;
                case 22:
                    if (!encrypted) {
                        handshake(buf, off, rlen, ts);
                    }
                    break;
                case 23:
                    appData += rlen;
                    break;
                default:
                    break;
            }
        }

        private void handshake(byte[] buf, int off, int rlen, long ts) {
            if (hsLen + rlen > MAX_HANDSHAKE) {
                problems.add("handshake message longer than " + MAX_HANDSHAKE + " bytes; not parsed");
                encrypted = true;
                return;
            }
            if (hs.length < hsLen + rlen) {
                byte[] bigger = new byte[Math.max(hsLen + rlen, hs.length * 2)];
                System.arraycopy(hs, 0, bigger, 0, hsLen);
                hs = bigger;
            }
            System.arraycopy(buf, off, hs, hsLen, rlen);
            hsLen += rlen;
            int p = 0;
            while (hsLen - p >= 4) {
                int mtype = hs[p] & 0xff;
                int mlen = (hs[p + 1] & 0xff) << 16 | (hs[p + 2] & 0xff) << 8 | (hs[p + 3] & 0xff);
                if (mlen > MAX_HANDSHAKE) {
                    problems.add("handshake message of type " + mtype + " claims " + mlen + " bytes; not parsed");
                    encrypted = true;
                    hsLen = 0;
                    return;
                }
                if (hsLen - p - 4 < mlen) {
                    break;
                }
                message(fromA, mtype, new Cursor(hs, p + 4, mlen));
                p += 4 + mlen;
            }
            System.arraycopy(hs, p, hs, 0, hsLen - p);
            hsLen -= p;
        }
    }

    private void message(boolean fromA, int type, Cursor c) {
        events.add(new Event(fromA, null, handshakeName(type)));
        try {
            switch (type) {
                case 1:
                    if (clientHello == null) {
                        clientHello = clientHello(c);
                    }
                    break;
                case 2:
                    if (serverHello == null || serverHello.helloRetryRequest()) {
                        serverHello = serverHello(c);
                        int v = serverHello.selectedVersion();
                        tls13 = v == 0x0304 || (v >> 8) == 0x7f || (v >> 8) == 0xfb;
                    }
                    break;
                case 11:
                    if (!tls13) {
                        certificates(c, fromA ? certsA : certsB);
                    }
                    break;
                default:
                    break;
            }
        } catch (Malformed e) {
            problems.add(handshakeName(type) + " is malformed: " + e.getMessage());
        }
    }

    private static String handshakeName(int type) {
        switch (type) {
            case 0: return "HelloRequest";
            case 1: return "ClientHello";
            case 2: return "ServerHello";
            case 4: return "NewSessionTicket";
            case 8: return "EncryptedExtensions";
            case 11: return "Certificate";
            case 12: return "ServerKeyExchange";
            case 13: return "CertificateRequest";
            case 14: return "ServerHelloDone";
            case 15: return "CertificateVerify";
            case 16: return "ClientKeyExchange";
            case 20: return "Finished";
            case 22: return "CertificateStatus";
            case 24: return "KeyUpdate";
            default: return "Handshake" + type;
        }
    }

    private static ClientHello clientHello(Cursor c) throws Malformed {
        int legacy = c.u16();
        c.skip(32);
        c.skip(c.u8());
        int csLen = c.u16();
        Cursor cs = c.slice(csLen);
        List<Integer> suites = new ArrayList<>();
        while (cs.remaining() >= 2) {
            suites.add(cs.u16());
        }
        c.skip(c.u8());
        String sni = "";
        List<String> alpn = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        if (c.remaining() >= 2) {
            Cursor ext = c.slice(c.u16());
            while (ext.remaining() >= 4) {
                int et = ext.u16();
                Cursor e = ext.slice(ext.u16());
                if (et == 0 && e.remaining() >= 2) {
                    Cursor list = e.slice(e.u16());
                    while (list.remaining() >= 3) {
                        int nt = list.u8();
                        String name = list.text(list.u16());
                        if (nt == 0 && sni.isEmpty()) {
                            sni = name;
                        }
                    }
                } else if (et == 16 && e.remaining() >= 2) {
                    Cursor list = e.slice(e.u16());
                    while (list.remaining() >= 1) {
                        alpn.add(list.text(list.u8()));
                    }
                } else if (et == 43 && e.remaining() >= 1) {
                    Cursor list = e.slice(e.u8());
                    while (list.remaining() >= 2) {
                        versions.add(list.u16());
                    }
                }
            }
        }
        return new ClientHello(legacy, sni, alpn, versions, suites);
    }

    private static ServerHello serverHello(Cursor c) throws Malformed {
        int legacy = c.u16();
        byte[] random = c.bytes(32);
        boolean hrr = java.util.Arrays.equals(random, HRR_RANDOM);
        int selected = legacy;
        if ((legacy >> 8) == 0x7f) {
            // TLS 1.3 drafts before 22 put the draft version here and had no session id.
            int suite = c.u16();
            return new ServerHello(legacy, legacy, suite, hrr);
        }
        c.skip(c.u8());
        int suite = c.u16();
        c.u8();
        if (c.remaining() >= 2) {
            Cursor ext = c.slice(c.u16());
            while (ext.remaining() >= 4) {
                int et = ext.u16();
                Cursor e = ext.slice(ext.u16());
                if (et == 43 && e.remaining() >= 2) {
                    selected = e.u16();
                }
            }
        }
        return new ServerHello(legacy, selected, suite, hrr);
    }

    private void certificates(Cursor c, List<X509Certificate> out) throws Malformed {
        Cursor list = c.slice(c.u24());
        CertificateFactory cf;
        try {
            cf = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            problems.add("no X.509 certificate factory: " + e.getMessage());
            return;
        }
        int index = 0;
        while (list.remaining() >= 3 && out.size() < 16) {
            byte[] der = list.bytes(list.u24());
            try {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | RuntimeException e) {
                problems.add("certificate " + index + " of the Certificate message does not decode as X.509: "
                        + e.getMessage());
            }
            index++;
        }
    }

    /**
     * Builds the session, naming sides from the flow's orientation.
     *
     * @param aIsOriginator whether direction A is the originator
     * @return the session
     */
    public TlsSession session(boolean aIsOriginator) {
        List<TlsAlert> alerts = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (Event e : events) {
            Side side = e.fromA == aIsOriginator ? Side.ORIGINATOR : Side.RESPONDER;
            if (e.alert != null) {
                TlsAlert x = e.alert;
                alerts.add(new TlsAlert(side, x.level(), x.code(), x.encrypted(), x.timestampNanos()));
            } else {
                messages.add(side.role() + ":" + e.message);
            }
        }
        Dir orig = aIsOriginator ? a : b;
        Dir resp = aIsOriginator ? b : a;
        List<String> probs = new ArrayList<>(problems);
        return new TlsSession(Optional.ofNullable(clientHello), Optional.ofNullable(serverHello),
                aIsOriginator ? certsB : certsA, aIsOriginator ? certsA : certsB, messages, alerts,
                orig.ccs, resp.ccs, orig.appData, resp.appData, probs);
    }
}
