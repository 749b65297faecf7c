package io.phoenixdiag.net.iptables;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends the packets of a differential batch from inside the client namespace (run with
 * {@code ip netns exec NS java -cp test-classes io.phoenixdiag.net.iptables.KernelSender CASES}) and prints
 * what the client saw for each: {@code N OK} (connected / answered), {@code N ERR detail} (an ICMP error
 * or a reset came back) or {@code N TIMEOUT} (nothing came back).
 *
 * <p>Case lines: {@code N tcp SRC SPORT DST DPORT}, {@code N udp SRC SPORT DST DPORT}, {@code N icmp SRC DST}.
 * Only the addresses in the file are used: the test namespaces' own, with no default route.
 */
public final class KernelSender {
    private static final long WAIT_MS = 700;

    private KernelSender() {
    }

    /**
     * Runs the batch.
     *
     * @param args the case file
     * @throws Exception if the file cannot be read or the selector fails
     */
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        String[] result = new String[lines.size()];
        List<Process> pings = new ArrayList<>();
        List<Integer> pingIdx = new ArrayList<>();
        try (Selector sel = Selector.open()) {
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split(" ");
                if (f[1].equals("icmp")) {
                    pings.add(new ProcessBuilder("ping", "-n", "-c", "1", "-W", "1", "-I", f[2], f[3])
                            .redirectErrorStream(true).start());
                    pingIdx.add(i);
                }
            }
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split(" ");
                switch (f[1]) {
                    case "tcp" -> {
                        SocketChannel ch = SocketChannel.open();
                        ch.configureBlocking(false);
                        ch.bind(new InetSocketAddress(f[2], Integer.parseInt(f[3])));
                        try {
                            if (ch.connect(new InetSocketAddress(f[4], Integer.parseInt(f[5])))) {
                                result[i] = "OK";
                                ch.close();
                            } else {
                                ch.register(sel, SelectionKey.OP_CONNECT, i);
                            }
                        } catch (IOException e) {
                            result[i] = "ERR " + e.getMessage();
                            ch.close();
                        }
                    }
                    case "udp" -> {
                        DatagramChannel ch = DatagramChannel.open();
                        ch.configureBlocking(false);
                        ch.bind(new InetSocketAddress(f[2], Integer.parseInt(f[3])));
                        ch.connect(new InetSocketAddress(f[4], Integer.parseInt(f[5])));
                        ch.write(ByteBuffer.wrap(("case " + f[0]).getBytes(StandardCharsets.US_ASCII)));
                        ch.register(sel, SelectionKey.OP_READ, i);
                    }
                    default -> {
                        // sent above
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (System.nanoTime() < deadline) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || sel.select(left) == 0) {
                    continue;
                }
                for (SelectionKey k : sel.selectedKeys()) {
                    int i = (Integer) k.attachment();
                    SelectableChannel ch = k.channel();
                    try {
                        if (ch instanceof SocketChannel sc) {
                            sc.finishConnect();
                            result[i] = "OK";
                        } else {
                            int n = ((DatagramChannel) ch).read(ByteBuffer.allocate(512));
                            result[i] = n >= 0 ? "OK" : "ERR closed";
                        }
                    } catch (PortUnreachableException e) {
                        result[i] = "ERR port unreachable";
                    } catch (IOException e) {
                        result[i] = "ERR " + e.getMessage();
                    }
                    k.cancel();
                    ch.close();
                }
                sel.selectedKeys().clear();
            }
            for (SelectionKey k : sel.keys()) {
                k.channel().close();
            }
        }
        for (int j = 0; j < pings.size(); j++) {
            Process p = pings.get(j);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            int i = pingIdx.get(j);
            if (p.exitValue() == 0) {
                result[i] = "OK";
            } else {
                String err = out.lines().filter(l -> l.startsWith("From ")).findFirst().orElse("");
                result[i] = err.isEmpty() ? null : "ERR " + err;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(lines.get(i).trim().split(" ")[0]).append(' ')
                    .append(result[i] == null ? "TIMEOUT" : result[i]).append('\n');
        }
        System.out.print(sb);
    }
}
