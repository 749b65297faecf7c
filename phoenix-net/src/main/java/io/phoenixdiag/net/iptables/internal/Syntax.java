package io.phoenixdiag.net.iptables.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options of the match modules and targets we know, with their argument counts and aliases, after
 * iptables-extensions(8). Arity -1 means "all arguments up to the next option".
 */
final class Syntax {
    /** An option: its canonical name and how many arguments it takes. */
    record Spec(String name, int arity) {
    }

    /** Options of one module or target: canonical or alias name -> spec. */
    static final class Options {
        final Map<String, Spec> byName = new HashMap<>();

        Spec get(String name) {
            return byName.get(name);
        }
    }

    static final Map<String, Options> MODULES = new HashMap<>();
    static final Map<String, Options> TARGETS = new HashMap<>();

    /** Standard verdicts: targets that are not extensions. */
    static final Set<String> VERDICTS = Set.of("ACCEPT", "DROP", "RETURN", "QUEUE");

    /** Protocols whose match module {@code -p} loads implicitly. */
    static final Map<String, String> IMPLICIT = Map.of("tcp", "tcp", "udp", "udp", "icmp", "icmp", "sctp", "sctp",
            "dccp", "dccp", "icmpv6", "icmp6", "ipv6-icmp", "icmp6", "udplite", "udplite");

    private Syntax() {
    }

    private static void def(Map<String, Options> into, String names, String spec) {
        Options o = new Options();
        for (String part : spec.trim().split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String[] aliases = part.substring(0, eq).split("\\|");
            Spec s = new Spec("--" + aliases[0], Integer.parseInt(part.substring(eq + 1)));
            for (String a : aliases) {
                o.byName.put("--" + a, s);
            }
        }
        for (String n : names.split(",")) {
            into.put(n, o);
        }
    }

    static {
        String ports = "sport|source-port=1 dport|destination-port=1 ";
        def(MODULES, "tcp", ports + "tcp-flags=2 syn=0 tcp-option=1");
        def(MODULES, "udp,udplite", ports);
        def(MODULES, "sctp", ports + "chunk-types=-1");
        def(MODULES, "dccp", ports + "dccp-types=1 dccp-option=1");
        def(MODULES, "icmp", "icmp-type=1");
        def(MODULES, "icmp6", "icmpv6-type=1");
        def(MODULES, "multiport", "sports|source-ports=1 dports|destination-ports=1 ports=1");
        def(MODULES, "state", "state=1");
        def(MODULES, "conntrack", "ctstate=1 ctproto=1 ctorigsrc=1 ctorigdst=1 ctreplsrc=1 ctrepldst=1 "
                + "ctorigsrcport=1 ctorigdstport=1 ctreplsrcport=1 ctrepldstport=1 ctstatus=1 ctexpire=1 ctdir=1");
        def(MODULES, "comment", "comment=1");
        def(MODULES, "set", "match-set=2 return-nomatch=0 update-counters=0 update-subcounters=0 "
                + "packets-eq=1 packets-lt=1 packets-gt=1 bytes-eq=1 bytes-lt=1 bytes-gt=1");
        def(MODULES, "iprange", "src-range=1 dst-range=1");
        def(MODULES, "addrtype", "src-type=1 dst-type=1 limit-iface-in=0 limit-iface-out=0");
        def(MODULES, "physdev", "physdev-in=1 physdev-out=1 physdev-is-in=0 physdev-is-out=0 physdev-is-bridged=0");
        def(MODULES, "mac", "mac-source=1");
        def(MODULES, "limit", "limit=1 limit-burst=1");
        def(MODULES, "hashlimit", "hashlimit-upto|hashlimit=1 hashlimit-above=1 hashlimit-burst=1 hashlimit-mode=1 "
                + "hashlimit-name=1 hashlimit-htable-size=1 hashlimit-htable-max=1 hashlimit-htable-expire=1 "
                + "hashlimit-htable-gcinterval=1 hashlimit-srcmask=1 hashlimit-dstmask=1 hashlimit-rate-match=0 "
                + "hashlimit-rate-interval=1");
        def(MODULES, "recent", "set=0 rcheck=0 update=0 remove=0 seconds=1 reap=0 hitcount=1 rttl=0 name=1 "
                + "mask=1 rsource=0 rdest=0");
        def(MODULES, "mark,connmark", "mark=1");
        def(MODULES, "rpfilter", "loose=0 validmark=0 accept-local=0 invert=0");
        def(MODULES, "length", "length=1");
        def(MODULES, "ttl", "ttl-eq=1 ttl-gt=1 ttl-lt=1");
        def(MODULES, "hl", "hl-eq=1 hl-gt=1 hl-lt=1");
        def(MODULES, "pkttype", "pkt-type=1");
        def(MODULES, "owner", "uid-owner=1 gid-owner=1 socket-exists=0 suppl-groups=0");
        def(MODULES, "tos", "tos=1");
        def(MODULES, "dscp", "dscp=1 dscp-class=1");
        def(MODULES, "helper", "helper=1");
        def(MODULES, "connlimit", "connlimit-upto=1 connlimit-above=1 connlimit-mask=1 connlimit-saddr=0 "
                + "connlimit-daddr=0");
        def(MODULES, "connbytes", "connbytes=1 connbytes-dir=1 connbytes-mode=1");
        def(MODULES, "string", "algo=1 from=1 to=1 string=1 hex-string=1 icase=0");
        def(MODULES, "u32", "u32=1");
        def(MODULES, "policy", "dir=1 pol=1 strict=0 reqid=1 spi=1 proto=1 mode=1 tunnel-src=1 tunnel-dst=1 next=0");
        def(MODULES, "socket", "transparent=0 nowildcard=0 restore-skmark=0");
        def(MODULES, "time", "datestart=1 datestop=1 timestart=1 timestop=1 monthdays=1 weekdays=1 kerneltz=0 "
                + "contiguous=0 utc=0");
        def(MODULES, "devgroup", "src-group=1 dst-group=1");
        def(MODULES, "cgroup", "path=1 cgroup=1");
        def(MODULES, "esp", "espspi=1");
        def(MODULES, "ah", "ahspi=1 ahlen=1 ahres=0");
        def(MODULES, "frag", "fragid=1 fraglen=1 fragres=0 fragfirst=0 fragmore=0 fraglast=0");
        def(MODULES, "rt", "rt-type=1 rt-segsleft=1 rt-len=1 rt-0-res=0 rt-0-addrs=1 rt-0-not-strict=0");
        def(MODULES, "hbh,dst", "hbh-len|dst-len=1 hbh-opts|dst-opts=1");
        def(MODULES, "ipv6header", "header=1 soft=0");
        def(MODULES, "statistic", "mode=1 probability=1 every=1 packet=1");
        def(MODULES, "quota", "quota=1");
        def(MODULES, "condition", "condition=1");
        def(MODULES, "ecn", "ecn-tcp-cwr=0 ecn-tcp-ece=0 ecn-ip-ect=1");
        def(MODULES, "realm", "realm=1");
        def(MODULES, "cluster", "cluster-total-nodes=1 cluster-local-node=1 cluster-local-nodemask=1 cluster-hash-seed=1");
        def(MODULES, "bpf", "bytecode=1 object-pinned=1");
        def(MODULES, "ipvs", "ipvs=0 vproto=1 vaddr=1 vport=1 vdir=1 vmethod=1 vportctl=1");
        def(MODULES, "nfacct", "nfacct-name=1");
        def(MODULES, "osf", "genre=1 ttl=1 log=1");

        def(TARGETS, "ACCEPT,DROP,RETURN,QUEUE,NOTRACK,TRACE,CLUSTERIP", "");
        def(TARGETS, "REJECT", "reject-with=1");
        def(TARGETS, "LOG", "log-level=1 log-prefix=1 log-tcp-sequence=0 log-tcp-options=0 log-ip-options=0 "
                + "log-uid=0 log-macdecode=0");
        def(TARGETS, "NFLOG", "nflog-group=1 nflog-prefix=1 nflog-range=1 nflog-size=1 nflog-threshold=1");
        def(TARGETS, "ULOG", "ulog-nlgroup=1 ulog-prefix=1 ulog-cprange=1 ulog-qthreshold=1");
        def(TARGETS, "MARK", "set-mark=1 set-xmark=1 and-mark=1 or-mark=1 xor-mark=1");
        def(TARGETS, "CONNMARK", "set-mark=1 set-xmark=1 save-mark=0 restore-mark=0 and-mark=1 or-mark=1 "
                + "xor-mark=1 nfmask=1 ctmask=1 mask=1");
        def(TARGETS, "DNAT", "to-destination=1 random=0 persistent=0");
        def(TARGETS, "SNAT", "to-source=1 random=0 random-fully=0 persistent=0");
        def(TARGETS, "MASQUERADE", "to-ports=1 random=0 random-fully=0");
        def(TARGETS, "REDIRECT", "to-ports=1 random=0");
        def(TARGETS, "NETMAP", "to=1");
        def(TARGETS, "CT", "notrack=0 helper=1 ctevents=1 expevents=1 zone=1 zone-orig=1 zone-reply=1 timeout=1");
        def(TARGETS, "TCPMSS", "set-mss=1 clamp-mss-to-pmtu=0");
        def(TARGETS, "NFQUEUE", "queue-num=1 queue-balance=1 queue-bypass=0 fail-open=0 queue-cpu-fanout=0");
        def(TARGETS, "CHECKSUM", "checksum-fill=0");
        def(TARGETS, "CLASSIFY", "set-class=1");
        def(TARGETS, "DSCP", "set-dscp=1 set-dscp-class=1");
        def(TARGETS, "TOS", "set-tos=1 and-tos=1 or-tos=1 xor-tos=1");
        def(TARGETS, "TTL", "ttl-set=1 ttl-dec=1 ttl-inc=1");
        def(TARGETS, "HL", "hl-set=1 hl-dec=1 hl-inc=1");
        def(TARGETS, "SET", "add-set=2 del-set=2 map-set=2 timeout=1 exist=0 map-mark=0 map-prio=0 map-queue=0");
        def(TARGETS, "TEE", "gateway=1 oif=1");
        def(TARGETS, "AUDIT", "type=1");
        def(TARGETS, "SECMARK", "selctx=1");
        def(TARGETS, "CONNSECMARK", "save=0 restore=0");
        def(TARGETS, "TPROXY", "on-port=1 on-ip=1 tproxy-mark=1");
        def(TARGETS, "SYNPROXY", "mss=1 wscale=1 sack-perm=0 timestamp=0 ecn=0");
        def(TARGETS, "IDLETIMER", "timeout=1 label=1");
        def(TARGETS, "LED", "led-trigger-id=1 led-delay=1 led-always-blink=0");
        def(TARGETS, "RATEEST", "rateest-name=1 rateest-interval=1 rateest-ewmalog=1");
        def(TARGETS, "HMARK", "hmark-tuple=1 hmark-mod=1 hmark-offset=1 hmark-src-prefix=1 hmark-dst-prefix=1 "
                + "hmark-sport-mask=1 hmark-dport-mask=1 hmark-spi-mask=1 hmark-proto-mask=1 hmark-rnd=1");
    }
}
