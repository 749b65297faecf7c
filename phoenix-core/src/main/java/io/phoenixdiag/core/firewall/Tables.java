package io.phoenixdiag.core.firewall;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Static lookup tables written from the facts of pve-firewall (src/PVE/Firewall.pm), Debian's
 * /etc/protocols and /etc/services, and iptables' ICMP type names. Package-private engine data.
 */
final class Tables {

    private Tables() {
    }

    /** One macro entry: protocol, dport and sport as pve-firewall's macro table writes them. */
    record MacroEntry(String proto, String dport, String sport) {
    }

    /** Service name -> port (first name of each Debian /etc/services line, tcp/udp/sctp). */
    static final Map<String, Integer> SERVICES = new HashMap<>();
    /** Protocol name -> number (Debian /etc/protocols, plus pve-firewall's {@code icmpv6}). */
    static final Map<String, Integer> PROTOCOLS = new HashMap<>();
    /** Protocol texts for which pve-firewall allows ports ({@code $PROTOCOLS_WITH_PORTS}). */
    static final Set<String> PORT_PROTOCOLS =
            Set.of("tcp", "6", "udp", "17", "udplite", "136", "dccp", "33", "sctp", "132");
    /** iptables {@code -p icmp --icmp-type} names -> {type, code} (code -1: any code). */
    static final Map<String, int[]> ICMP4 = new HashMap<>();
    /** ip6tables {@code -p icmpv6 --icmpv6-type} names -> {type, code} (code -1: any code). */
    static final Map<String, int[]> ICMP6 = new HashMap<>();
    /** Macro name (pve-firewall's preferred spelling) -> entries. */
    static final Map<String, List<MacroEntry>> MACROS = new LinkedHashMap<>();
    /** Macros whose IPv6 form differs (pve-firewall {@code $pve_ipv6fw_macros}). */
    static final Map<String, List<MacroEntry>> MACROS_V6 = new HashMap<>();
    /** Macros that exist only for IPv6. */
    static final Set<String> MACROS_V6_ONLY = Set.of("NeighborDiscovery", "DHCPv6");
    private static final Map<String, String> MACRO_BY_LOWER = new HashMap<>();

    static {
        Object[] services = {
            "tcpmux", 1, "echo", 7, "discard", 9, "systat", 11, "daytime", 13, "netstat", 15, "qotd", 17,
            "chargen", 19, "ftp-data", 20, "ftp", 21, "ssh", 22, "telnet", 23, "smtp", 25, "time", 37,
            "whois", 43, "tacacs", 49, "domain", 53, "gopher", 70, "finger", 79, "http", 80,
            "kerberos", 88, "iso-tsap", 102, "acr-nema", 104, "pop3", 110, "sunrpc", 111, "auth", 113,
            "nntp", 119, "ntp", 123, "epmap", 135, "netbios-ns", 137, "netbios-dgm", 138,
            "netbios-ssn", 139, "imap2", 143, "snmp", 161, "snmp-trap", 162, "cmip-man", 163,
            "cmip-agent", 164, "mailq", 174, "xdmcp", 177, "bgp", 179, "smux", 199, "qmtp", 209,
            "z3950", 210, "ipx", 213, "ptp-event", 319, "ptp-general", 320, "pawserv", 345,
            "zserv", 346, "rpc2portmap", 369, "codaauth2", 370, "clearcase", 371, "ldap", 389,
            "svrloc", 427, "https", 443, "snpp", 444, "microsoft-ds", 445, "kpasswd", 464,
            "submissions", 465, "saft", 487, "isakmp", 500, "rtsp", 554, "nqs", 607, "asf-rmcp", 623,
            "qmqp", 628, "ipp", 631, "ldp", 646, "exec", 512, "biff", 512, "login", 513, "who", 513,
            "shell", 514, "syslog", 514, "printer", 515, "talk", 517, "ntalk", 518, "route", 520,
            "gdomap", 538, "uucp", 540, "klogin", 543, "kshell", 544, "dhcpv6-client", 546,
            "dhcpv6-server", 547, "afpovertcp", 548, "nntps", 563, "submission", 587, "ldaps", 636,
            "tinc", 655, "silc", 706, "kerberos-adm", 749, "domain-s", 853, "rsync", 873, "ftps-data", 989,
            "ftps", 990, "telnets", 992, "imaps", 993, "pop3s", 995, "socks", 1080, "proofd", 1093,
            "rootd", 1094, "openvpn", 1194, "rmiregistry", 1099, "lotusnote", 1352, "ms-sql-s", 1433,
            "ms-sql-m", 1434, "ingreslock", 1524, "datametrics", 1645, "sa-msg-port", 1646,
            "kermit", 1649, "groupwise", 1677, "l2f", 1701, "radius", 1812, "radius-acct", 1813,
            "cisco-sccp", 2000, "nfs", 2049, "gnunet", 2086, "rtcm-sc104", 2101, "gsigatekeeper", 2119,
            "gris", 2135, "cvspserver", 2401, "venus", 2430, "venus-se", 2431, "codasrv", 2432,
            "codasrv-se", 2433, "mon", 2583, "dict", 2628, "f5-globalsite", 2792, "gsiftp", 2811,
            "gpsd", 2947, "gds-db", 3050, "icpv2", 3130, "isns", 3205, "iscsi-target", 3260,
            "mysql", 3306, "ms-wbt-server", 3389, "nut", 3493, "distcc", 3632, "daap", 3689,
            "svn", 3690, "suucp", 4031, "sysrqd", 4094, "sieve", 4190, "epmd", 4369, "remctl", 4373,
            "f5-iquery", 4353, "ntske", 4460, "ipsec-nat-t", 4500, "iax", 4569, "mtn", 4691,
            "radmin-port", 4899, "sip", 5060, "sip-tls", 5061, "xmpp-client", 5222, "xmpp-server", 5269,
            "cfengine", 5308, "mdns", 5353, "postgresql", 5432, "freeciv", 5556, "amqps", 5671,
            "amqp", 5672, "x11", 6000, "mysql-proxy", 6446, "bacula-dir", 9101, "bacula-fd", 9102,
            "bacula-sd", 9103, "xmms2", 9667, "nbd", 10809, "zabbix-agent", 10050,
            "zabbix-trapper", 10051, "amanda", 10080, "dicom", 11112, "hkp", 11371, "db-lsp", 17500,
            "dcap", 22125, "gsidcap", 22128, "wnn6", 22273, "kerberos4", 750, "iprop", 2121,
            "moira-db", 775, "moira-update", 777, "moira-ureg", 779, "spamd", 783, "skkserv", 1178,
            "predict", 1210, "rmtcfg", 1236, "xtel", 1313, "xtelw", 1314, "support", 1529,
            "cfinger", 2003, "frox", 2121, "zebrasrv", 2600, "zebra", 2601, "ripd", 2602,
            "ripngd", 2603, "ospfd", 2604, "bgpd", 2605, "ospf6d", 2606, "ospfapi", 2607,
            "isisd", 2608, "fax", 4557, "hylafax", 4559, "munin", 4949, "rplay", 5555, "nrpe", 5666,
            "nsca", 5667, "mrtd", 5674, "bgpsim", 5675, "canna", 5680, "syslog-tls", 6514,
            "sane-port", 6566, "ircd", 6667, "zope-ftp", 8021, "tproxy", 8081, "omniorb", 8088,
            "clc-build-daemon", 8990, "xinetd", 9098, "git", 9418, "zope", 9673, "webmin", 10000,
            "kamanda", 10081, "amandaidx", 10082, "amidxtape", 10083, "smsqp", 11201, "xpilot", 15345,
            "sgi-cmsd", 17001, "sgi-crsd", 17002, "sgi-gcd", 17003, "sgi-cad", 17004, "binkp", 24554,
            "asp", 27374, "csync2", 30865, "dircproxy", 57000, "tfido", 60177, "fido", 60179,
            "tftp", 69, "bootps", 67, "bootpc", 68
        };
        for (int i = 0; i < services.length; i += 2) {
            SERVICES.putIfAbsent((String) services[i], (Integer) services[i + 1]);
        }

        Object[] protocols = {
            "ip", 0, "hopopt", 0, "icmp", 1, "igmp", 2, "ggp", 3, "ipencap", 4, "st", 5, "tcp", 6,
            "egp", 8, "igp", 9, "pup", 12, "udp", 17, "hmp", 20, "xns-idp", 22, "rdp", 27,
            "iso-tp4", 29, "dccp", 33, "xtp", 36, "ddp", 37, "idpr-cmtp", 38, "ipv6", 41,
            "ipv6-route", 43, "ipv6-frag", 44, "idrp", 45, "rsvp", 46, "gre", 47, "esp", 50, "ah", 51,
            "skip", 57, "ipv6-icmp", 58, "icmpv6", 58, "ipv6-nonxt", 59, "ipv6-opts", 60, "rspf", 73,
            "vmtp", 81, "eigrp", 88, "ospf", 89, "ax.25", 93, "ipip", 94, "etherip", 97, "encap", 98,
            "pim", 103, "ipcomp", 108, "vrrp", 112, "l2tp", 115, "isis", 124, "sctp", 132, "fc", 133,
            "mobility-header", 135, "udplite", 136, "mpls-in-ip", 137, "manet", 138, "hip", 139,
            "shim6", 140, "wesp", 141, "rohc", 142, "ethernet", 143
        };
        for (int i = 0; i < protocols.length; i += 2) {
            PROTOCOLS.put((String) protocols[i], (Integer) protocols[i + 1]);
        }

        Object[] icmp4 = {
            "any", -1, -1, "echo-reply", 0, -1, "destination-unreachable", 3, -1,
            "network-unreachable", 3, 0, "host-unreachable", 3, 1, "protocol-unreachable", 3, 2,
            "port-unreachable", 3, 3, "fragmentation-needed", 3, 4, "source-route-failed", 3, 5,
            "network-unknown", 3, 6, "host-unknown", 3, 7, "network-prohibited", 3, 9,
            "host-prohibited", 3, 10, "TOS-network-unreachable", 3, 11, "TOS-host-unreachable", 3, 12,
            "communication-prohibited", 3, 13, "host-precedence-violation", 3, 14,
            "precedence-cutoff", 3, 15, "source-quench", 4, -1, "redirect", 5, -1,
            "network-redirect", 5, 0, "host-redirect", 5, 1, "TOS-network-redirect", 5, 2,
            "TOS-host-redirect", 5, 3, "echo-request", 8, -1, "router-advertisement", 9, -1,
            "router-solicitation", 10, -1, "time-exceeded", 11, -1, "ttl-zero-during-transit", 11, 0,
            "ttl-zero-during-reassembly", 11, 1, "parameter-problem", 12, -1, "ip-header-bad", 12, 0,
            "required-option-missing", 12, 1, "timestamp-request", 13, -1, "timestamp-reply", 14, -1,
            "address-mask-request", 17, -1, "address-mask-reply", 18, -1
        };
        for (int i = 0; i < icmp4.length; i += 3) {
            ICMP4.put((String) icmp4[i], new int[] {(Integer) icmp4[i + 1], (Integer) icmp4[i + 2]});
        }
        Object[] icmp6 = {
            "destination-unreachable", 1, -1, "no-route", 1, 0, "communication-prohibited", 1, 1,
            "beyond-scope", 1, 2, "address-unreachable", 1, 3, "port-unreachable", 1, 4,
            "failed-policy", 1, 5, "reject-route", 1, 6, "packet-too-big", 2, -1, "time-exceeded", 3, -1,
            "ttl-zero-during-transit", 3, 0, "ttl-zero-during-reassembly", 3, 1,
            "parameter-problem", 4, -1, "bad-header", 4, 0, "unknown-header-type", 4, 1,
            "unknown-option", 4, 2, "echo-request", 128, -1, "echo-reply", 129, -1,
            "router-solicitation", 133, -1, "router-advertisement", 134, -1,
            "neighbor-solicitation", 135, -1, "neighbour-solicitation", 135, -1,
            "neighbor-advertisement", 136, -1, "neighbour-advertisement", 136, -1, "redirect", 137, -1
        };
        for (int i = 0; i < icmp6.length; i += 3) {
            ICMP6.put((String) icmp6[i], new int[] {(Integer) icmp6[i + 1], (Integer) icmp6[i + 2]});
        }

        macro("Amanda", "udp", "10080", "", "tcp", "10080", "");
        macro("Auth", "tcp", "113", "");
        macro("BGP", "tcp", "179", "");
        macro("BitTorrent", "tcp", "6881:6889", "", "udp", "6881", "");
        macro("BitTorrent32", "tcp", "6881:6999", "", "udp", "6881", "");
        macro("Ceph", "tcp", "6789", "", "tcp", "3300", "", "tcp", "6800:7300", "");
        macro("CVS", "tcp", "2401", "");
        macro("Citrix", "tcp", "1494", "", "udp", "1604", "", "tcp", "2598", "");
        macro("DAAP", "tcp", "3689", "", "udp", "3689", "");
        macro("DCC", "tcp", "6277", "");
        macro("DHCPfwd", "udp", "67:68", "67:68");
        macro("DNS", "udp", "53", "", "tcp", "53", "");
        macro("Distcc", "tcp", "3632", "");
        macro("FTP", "tcp", "21", "");
        macro("Finger", "tcp", "79", "");
        macro("GNUnet", "tcp", "2086", "", "udp", "2086", "", "tcp", "1080", "", "udp", "1080", "");
        macro("GRE", "47", "", "");
        macro("Git", "tcp", "9418", "");
        macro("HKP", "tcp", "11371", "");
        macro("HTTP", "tcp", "80", "");
        macro("HTTPS", "tcp", "443", "");
        macro("ICPV2", "udp", "3130", "");
        macro("ICQ", "tcp", "5190", "");
        macro("IMAP", "tcp", "143", "");
        macro("IMAPS", "tcp", "993", "");
        macro("IPIP", "94", "", "");
        macro("IPsec", "udp", "500", "500", "50", "", "");
        macro("IPsecah", "udp", "500", "500", "51", "", "");
        macro("IPsecnat", "udp", "500", "", "udp", "4500", "", "50", "", "");
        macro("IRC", "tcp", "6667", "");
        macro("Jetdirect", "tcp", "9100", "");
        macro("L2TP", "udp", "1701", "");
        macro("LDAP", "tcp", "389", "");
        macro("LDAPS", "tcp", "636", "");
        macro("MSNP", "tcp", "1863", "");
        macro("MSSQL", "tcp", "1433", "");
        macro("Mail", "tcp", "25", "", "tcp", "465", "", "tcp", "587", "");
        macro("MDNS", "udp", "5353", "");
        macro("Munin", "tcp", "4949", "");
        macro("MySQL", "tcp", "3306", "");
        macro("NNTP", "tcp", "119", "");
        macro("NNTPS", "tcp", "563", "");
        macro("NTP", "udp", "123", "");
        macro("OSPF", "89", "", "");
        macro("OpenVPN", "udp", "1194", "");
        macro("PCA", "udp", "5632", "", "tcp", "5631", "");
        macro("PMG", "tcp", "8006", "");
        macro("POP3", "tcp", "110", "");
        macro("POP3S", "tcp", "995", "");
        macro("PPtP", "47", "", "", "tcp", "1723", "");
        macro("Ping", "icmp", "echo-request", "");
        macro("PostgreSQL", "tcp", "5432", "");
        macro("Printer", "tcp", "515", "");
        macro("RDP", "tcp", "3389", "");
        macro("RIP", "udp", "520", "");
        macro("RNDC", "tcp", "953", "");
        macro("Razor", "tcp", "2703", "");
        macro("Rdate", "tcp", "37", "");
        macro("Rsync", "tcp", "873", "");
        macro("SANE", "tcp", "6566", "");
        macro("SMB", "udp", "135,445", "", "udp", "137:139", "", "udp", "1024:65535", "137",
                "tcp", "135,139,445", "");
        macro("SMBswat", "tcp", "901", "");
        macro("SMTP", "tcp", "25", "");
        macro("SMTPS", "tcp", "465", "");
        macro("SNMP", "udp", "161:162", "", "tcp", "161", "");
        macro("SPAMD", "tcp", "783", "");
        macro("SSH", "tcp", "22", "");
        macro("SVN", "tcp", "3690", "");
        macro("SixXS", "tcp", "3874", "", "udp", "3740", "", "41", "", "", "udp", "5072,8374", "");
        macro("SPICEproxy", "tcp", "3128", "");
        macro("Squid", "tcp", "3128", "");
        macro("Submission", "tcp", "587", "");
        macro("Syslog", "udp", "514", "", "tcp", "514", "");
        macro("TFTP", "udp", "69", "");
        macro("Telnet", "tcp", "23", "");
        macro("Telnets", "tcp", "992", "");
        macro("Time", "tcp", "37", "");
        macro("Trcrt", "udp", "33434:33524", "", "icmp", "echo-request", "");
        macro("VNC", "tcp", "5900:5999", "");
        macro("VNCL", "tcp", "5500", "");
        macro("Web", "tcp", "80", "", "tcp", "443", "");
        macro("Webcache", "tcp", "8080", "");
        macro("Webmin", "tcp", "10000", "");
        macro("Whois", "tcp", "43", "");
        macro("NeighborDiscovery", "icmpv6", "router-solicitation", "", "icmpv6", "router-advertisement", "",
                "icmpv6", "neighbor-solicitation", "", "icmpv6", "neighbor-advertisement", "");
        macro("DHCPv6", "udp", "546:547", "546:547");
        MACROS_V6.put("Ping", List.of(new MacroEntry("icmpv6", "echo-request", "")));
        MACROS_V6.put("Trcrt", List.of(new MacroEntry("udp", "33434:33524", ""),
                new MacroEntry("icmpv6", "echo-request", "")));
    }

    private static void macro(String name, String... triples) {
        MacroEntry[] entries = new MacroEntry[triples.length / 3];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new MacroEntry(triples[3 * i], triples[3 * i + 1], triples[3 * i + 2]);
        }
        MACROS.put(name, List.of(entries));
        MACRO_BY_LOWER.put(name.toLowerCase(Locale.ROOT), name);
    }

    /** The preferred macro spelling for a name in any case, or null when unknown. */
    static String macroName(String name) {
        return MACRO_BY_LOWER.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The protocol number of a protocol text (name or number), or -1 when unknown. Numbers 0..255 are
     * accepted as such.
     */
    static int protocolNumber(String proto) {
        Integer n = PROTOCOLS.get(proto);
        if (n != null) {
            return n;
        }
        if (!proto.isEmpty() && proto.length() <= 3 && proto.chars().allMatch(Character::isDigit)) {
            int v = Integer.parseInt(proto);
            return v <= 255 ? v : -1;
        }
        return -1;
    }

    /** Whether a protocol text is one of ICMP's spellings. */
    static boolean isIcmp(String proto) {
        return proto.equals("icmp") || proto.equals("icmpv6") || proto.equals("ipv6-icmp");
    }
}
