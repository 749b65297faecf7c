package io.phoenixdiag.net.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A test-only probe program for a child JVM started inside a network namespace (the JDK cannot move a thread into
 * one): {@code tcp ADDRESS PORT TIMEOUT_MS} prints the TCP result's JSON on one line.
 */
final class ProbeMain {

    private ProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].equals("tcp")) {
            System.err.println("usage: tcp ADDRESS PORT TIMEOUT_MS");
            System.exit(2);
        }
        try (Prober prober = Prober.create(1)) {
            TcpProbeResult r = prober.tcp(new InetSocketAddress(InetAddress.getByName(args[1]),
                    Integer.parseInt(args[2])), Long.parseLong(args[3])).get();
            System.out.println(ProbeJson.toJson(r));
        }
    }
}
