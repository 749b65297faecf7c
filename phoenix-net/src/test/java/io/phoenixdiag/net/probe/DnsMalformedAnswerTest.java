package io.phoenixdiag.net.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A loopback UDP "nameserver" that answers bytes that are not a DNS message: MALFORMED, not TIMEOUT. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DnsMalformedAnswerTest {
    /** {@code \xc0\x0c} 50 times: a header whose counts point far past the end, names as pointer loops. */
    private static final byte[] GARBAGE = new byte[100];

    static {
        for (int i = 0; i < GARBAGE.length; i += 2) {
            GARBAGE[i] = (byte) 0xc0;
            GARBAGE[i + 1] = 0x0c;
        }
    }

    private static Prober prober;

    @BeforeAll
    static void start() {
        prober = Prober.create(1);
    }

    @AfterAll
    static void stop() {
        prober.close();
    }

    /** Answers one query: {@code ownId} puts the query's ID in front of the garbage; {@code fromElsewhere} sends it from another socket. */
    private static DnsProbeResult askServerAnswering(boolean ownId, boolean fromElsewhere, long timeoutMs) throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LoopbackServers.LOOPBACK, 0));
             DatagramSocket other = new DatagramSocket(new InetSocketAddress(LoopbackServers.LOOPBACK, 0))) {
            Thread t = new Thread(() -> {
                try {
                    DatagramPacket q = new DatagramPacket(new byte[512], 512);
                    server.receive(q);
                    byte[] answer = GARBAGE.clone();
                    if (ownId) {
                        answer[0] = q.getData()[0];
                        answer[1] = q.getData()[1];
                    }
                    (fromElsewhere ? other : server).send(new DatagramPacket(answer, answer.length, q.getSocketAddress()));
                } catch (java.io.IOException e) {
                    // the socket closed: the test is over
                }
            });
            t.start();
            InetSocketAddress ns = (InetSocketAddress) server.getLocalSocketAddress();
            DnsProbeResult r = prober.dns(ns, "gw.phoenix.lan", DnsQueryType.A, List.of(), timeoutMs).get();
            t.join();
            return r;
        }
    }

    @Test
    void garbageWithTheQueryIdIsMalformedAtOnce() throws Exception {
        DnsProbeResult r = askServerAnswering(true, false, 10_000);
        assertEquals(DnsOutcome.MALFORMED, r.outcome(), r.detail());
        assertEquals(r.nameserver() + " answered with 100 bytes that are not a DNS message: name contains a loop.", r.detail());
        assertEquals(List.of(), r.got());
        assertEquals("", r.rcode());
    }

    @Test
    void garbageWithAnotherIdIsMalformedWhenNoGoodAnswerCame() throws Exception {
        DnsProbeResult r = askServerAnswering(false, false, 500);
        assertEquals(DnsOutcome.MALFORMED, r.outcome(), r.detail());
        assertTrue(r.detail().startsWith(r.nameserver() + " answered with 100 bytes that are not a DNS message: "), r.detail());
    }

    @Test
    void garbageFromAnotherAddressIsIgnored() throws Exception {
        DnsProbeResult r = askServerAnswering(true, true, 500);
        assertEquals(DnsOutcome.TIMEOUT, r.outcome(), r.detail());
    }

    @Test
    void outcomeIsAddedLast() {
        assertEquals(List.of("MATCH", "WRONG_ADDRESS", "NXDOMAIN", "NODATA", "SERVFAIL", "ERROR", "TIMEOUT", "MALFORMED"),
                Arrays.stream(DnsOutcome.values()).map(Enum::name).toList());
    }
}
