package io.phoenixdiag.net.kernlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phoenixdiag.core.diag.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** LOG lines in every form, exact fields; malformed lines are warnings with their line numbers. */
class KernelLogParserTest {

    static final String V4 = "IN=fwbr103i0 OUT=fwbr103i0 PHYSIN=fwln103i0 PHYSOUT=veth103i0 MAC=bc:24:11:00:00:03:"
            + "bc:24:11:00:00:02:08:00 SRC=10.0.0.12 DST=10.0.0.10 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=54321 DF"
            + " PROTO=TCP SPT=41234 DPT=9000 WINDOW=64240 RES=0x00 SYN URGP=0";

    @Test
    void everyHeaderForm() {
        String text = String.join("\n",
                "[ 8123.456789] PHX36:veth103i0-IN:6: " + V4,
                "[Thu Jan 15 10:00:00 2026] PHX36:veth103i0-IN:6: " + V4,
                "Jan 15 10:00:00 pve kernel: [ 8123.456789] PHX36:veth103i0-IN:6: " + V4,
                "2026-01-15T10:00:00.123456+00:00 pve kernel: PHX36:veth103i0-IN:6: " + V4,
                "103 6 veth103i0-IN 15/Jan/2026:10:00:00 +0000 policy DROP: " + V4,
                "PHX36:veth103i0-IN:6: " + V4);
        KernelLog log = KernelLogParser.parse("kern.log", text);
        assertEquals(List.of(), log.warnings());
        assertEquals(List.of(LogFormat.DMESG, LogFormat.DMESG_TIME, LogFormat.SYSLOG, LogFormat.SYSLOG_ISO,
                LogFormat.PVE_FIREWALL, LogFormat.BARE), log.lines().stream().map(LogLine::format).toList());
        assertEquals(List.of("8123.456789", "Thu Jan 15 10:00:00 2026", "Jan 15 10:00:00",
                "2026-01-15T10:00:00.123456+00:00", "15/Jan/2026:10:00:00 +0000", ""),
                log.lines().stream().map(LogLine::timestamp).toList());
        LogLine l = log.lines().get(2);
        assertEquals("pve", l.host());
        assertEquals("PHX36:veth103i0-IN:6:", l.prefix());
        assertEquals("10.0.0.12", l.source());
        assertEquals("10.0.0.10", l.destination());
        assertEquals("TCP", l.protocol());
        assertEquals(9000, l.destinationPort().getAsInt());
        assertEquals(41234, l.sourcePort().getAsInt());
        assertEquals("veth103i0", l.field("PHYSOUT"));
        assertEquals(List.of("DF", "SYN"), l.flags());
        LogLine pve = log.lines().get(4);
        assertEquals(103, pve.vmid());
        assertEquals(6, pve.level());
        assertEquals("veth103i0-IN", pve.chain());
        assertEquals("policy DROP:", pve.prefix());
        assertEquals("103:veth103i0-IN:policy DROP", LogCorrelator.key(pve));
    }

    @Test
    void ipv6AndIcmpErrorsWithAnEmbeddedPacket() {
        KernelLog log = KernelLogParser.parse("dmesg", String.join("\n",
                "[  12.000001] PHX2:INPUT:P: IN=vmbr0 OUT= MAC=33:33:00:00:00:01:bc:24:11:00:00:02:86:dd"
                        + " SRC=fe80:0000:0000:0000:be24:11ff:fe00:0002 DST=2001:0db8:0000:0000:0000:0000:0000:0001 LEN=72"
                        + " TC=0 HOPLIMIT=64 FLOWLBL=12345 PROTO=UDP SPT=5353 DPT=53 LEN=32",
                "[  13.000000] PHX2:INPUT:P: IN=vmbr0 OUT= SRC=10.0.0.1 DST=10.0.0.13 LEN=88 TOS=0x00 PREC=0xC0 TTL=64"
                        + " ID=1 PROTO=ICMP TYPE=3 CODE=3 [SRC=10.0.0.13 DST=10.0.0.1 LEN=60 TOS=0x00 PREC=0x00 TTL=64"
                        + " ID=7 PROTO=UDP SPT=40000 DPT=9 LEN=40 ]"));
        assertEquals(List.of(), log.warnings());
        LogLine v6 = log.lines().get(0);
        assertEquals("2001:0db8:0000:0000:0000:0000:0000:0001", v6.destination());
        assertEquals("64", v6.field("HOPLIMIT"));
        assertEquals("72", v6.field("LEN"));
        LogLine icmp = log.lines().get(1);
        assertEquals("10.0.0.1", icmp.source());
        assertEquals("3", icmp.field("TYPE"));
        assertEquals(Optional.empty(), Optional.ofNullable(icmp.fields().get("SPT")));
    }

    @Test
    void malformedLinesAreWarningsWithLineNumbers() {
        KernelLog log = KernelLogParser.parse("kern.log", String.join("\n",
                "Jan 15 10:00:00 pve kernel: usb 1-1: new device",
                "Jan 15 10:00:01 pve kernel: PHX1:INPUT:2: IN=vmbr0 OUT= SRC=10.0.0.66 PROTO=TCP SPT=1 DPT=22",
                "Jan 15 10:00:02 pve kernel: PHX1:INPUT:2: IN=vmbr0 OUT= SRC=10.0.0.66 DST=10.0.0.13 PROTO=TCP SPT=x DPT=22",
                "garbage IN=",
                "Jan 15 10:00:03 pve kernel: PHX1:INPUT:2: IN=vmbr0 OUT= SRC=10.0.0.66 DST=10.0.0.13 PROTO=TCP SPT=1 DPT=22"));
        assertEquals(1, log.lines().size());
        assertEquals(5, log.lines().get(0).lineNumber());
        assertEquals(1, log.otherLines());
        assertEquals(List.of(2, 3, 4), log.warnings().stream().map(f -> f.locations().get(0).line()).toList());
        assertEquals(List.of("Line 2 of kern.log looks like a LOG line but it has no DST= field: Jan 15 10:00:01 pve"
                + " kernel: PHX1:INPUT:2: IN=vmbr0 OUT= SRC=10.0.0.66 PROTO=TCP SPT=1 DPT=22.",
                "Line 3 of kern.log looks like a LOG line but SPT=x is not a port number: Jan 15 10:00:02 pve kernel:"
                        + " PHX1:INPUT:2: IN=vmbr0 OUT= SRC=10.0.0.66 DST=10.0.0.13 PROTO=TCP SPT=x DPT=22.",
                "Line 4 of kern.log looks like a LOG line but it has no SRC= field: garbage IN=."),
                log.warnings().stream().map(Finding::message).toList());
    }

    @Provide
    Arbitrary<LogLine> lines() {
        Arbitrary<LogFormat> format = Arbitraries.of(LogFormat.class);
        Arbitrary<String> ip = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        Arbitrary<String> prefix = Arbitraries.strings().withCharRange('A', 'Z').numeric().withChars(':', '-', '_')
                .ofMinLength(0).ofMaxLength(20);
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
        Arbitrary<String> iface = Arbitraries.of("vmbr0", "fwbr103i0", "eth0", "", "veth103i0");
        Arbitrary<List<String>> flags = Arbitraries.of("DF", "SYN", "ACK", "FIN", "RST", "URGP").list().ofMaxSize(3);
        return Combinators.combine(format, ip, ip, prefix, port, port, iface, flags).as((f, s, d, p, sp, dp, in, fl) -> {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("IN", in);
            fields.put("OUT", "");
            fields.put("SRC", s);
            fields.put("DST", d);
            fields.put("LEN", "60");
            fields.put("PROTO", "TCP");
            fields.put("SPT", Integer.toString(sp));
            fields.put("DPT", Integer.toString(dp));
            String ts = switch (f) {
                case DMESG -> "8123.456789";
                case DMESG_TIME -> "Thu Jan 15 10:00:00 2026";
                case SYSLOG -> "Jan 15 10:00:00";
                case SYSLOG_ISO -> "2026-01-15T10:00:00.5+01:00";
                case PVE_FIREWALL -> "15/Jan/2026:10:00:00 +0000";
                case BARE -> "";
            };
            boolean pve = f == LogFormat.PVE_FIREWALL;
            boolean syslog = f == LogFormat.SYSLOG || f == LogFormat.SYSLOG_ISO;
            String pfx = pve ? "policy DROP:" : f == LogFormat.BARE && p.isEmpty() ? "X" : p;
            return new LogLine(1, f, ts, syslog ? "pve" : "", pfx, pve ? 103 : -1, pve ? 6 : -1,
                    pve ? "veth103i0-IN" : "", fields, fl);
        });
    }

    @Property(tries = 300)
    void renderThenParseGivesTheSameLine(@ForAll("lines") LogLine line) {
        KernelLog back = KernelLogParser.parse("p", line.render());
        assertEquals(List.of(), back.warnings());
        assertEquals(List.of(line), back.lines());
    }
}
