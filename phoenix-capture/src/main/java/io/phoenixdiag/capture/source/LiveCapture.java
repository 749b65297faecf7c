package io.phoenixdiag.capture.source;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * A live capture on one interface with pcap4j 1.8.2 on libpcap, stopped by a duration (always), a packet
 * count or a byte budget, optionally written through to a pcapng evidence file.
 *
 * <p>Design, from measurements: pcap4j's blocking reads can ignore the read timeout on an idle interface,
 * and {@code close()} waits for a reader blocked inside libpcap. So the handle runs in non-blocking mode and
 * the reader polls (sleeping {@link Builder#pollInterval} when nothing is pending), checks its stop
 * conditions between packets, and closes the handle itself after it stopped reading: a capture never blocks
 * a thread longer than its duration plus one poll interval. Packets are read raw (pcap4j does not dissect them).
 *
 * <pre>{@code
 * FlowTracker tracker = FlowTracker.create();
 * LiveSummary s = LiveCapture.builder("vmbr0").filter(BpfFilter.raw("tcp port 9443")).duration(Duration.ofSeconds(10))
 *         .build().run(tracker);
 * }</pre>
 *
 * Requirements: libpcap, and CAP_NET_RAW (CAP_NET_ADMIN too for promiscuous mode), e.g. root. A
 * {@code LiveCapture} is immutable and may be run several times; each run owns its handle.
 */
public final class LiveCapture {
    private final String interfaceName;
    private final BpfFilter filter;
    private final int snapLength;
    private final boolean promiscuous;
    private final boolean immediate;
    private final Duration duration;
    private final long maxPackets;
    private final long maxBytes;
    private final Path writeTo;
    private final Duration pollInterval;

    private LiveCapture(Builder b) {
        interfaceName = b.interfaceName;
        filter = b.filter;
        snapLength = b.snapLength;
        promiscuous = b.promiscuous;
        immediate = b.immediate;
        duration = b.duration;
        maxPackets = b.maxPackets;
        maxBytes = b.maxBytes;
        writeTo = b.writeTo;
        pollInterval = b.pollInterval;
    }

    /**
     * Starts describing a capture on an interface.
     *
     * @param interfaceName e.g. {@code vmbr0}, {@code veth102i0}, {@code any}
     * @return a builder with the defaults: no filter, snap length 262144 bytes, not promiscuous, immediate
     *         mode, 10 seconds, no packet or byte limit, no evidence file, 5 ms poll interval
     */
    public static Builder builder(String interfaceName) {
        return new Builder(interfaceName);
    }

    /**
     * The interfaces libpcap can capture on.
     *
     * @return the interfaces
     * @throws CaptureException with {@link CaptureException.Kind#LIBPCAP_MISSING} when libpcap cannot be
     *                          loaded, or {@link CaptureException.Kind#FAILED}
     */
    public static List<CaptureInterface> interfaces() throws CaptureException {
        try {
            List<CaptureInterface> out = new ArrayList<>();
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) {
                List<String> addrs = new ArrayList<>();
                for (PcapAddress a : nif.getAddresses()) {
                    InetAddress ia = a.getAddress();
                    if (ia != null) {
                        addrs.add(ia.getHostAddress());
                    }
                }
                out.add(new CaptureInterface(nif.getName(), Objects.toString(nif.getDescription(), ""), addrs,
                        nif.isLoopBack(), nif.isUp()));
            }
            return out;
        } catch (PcapNativeException e) {
            throw new CaptureException(CaptureException.Kind.FAILED, "cannot list interfaces: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw libpcapMissing(e);
        }
    }

    private static CaptureException libpcapMissing(Throwable e) {
        return new CaptureException(CaptureException.Kind.LIBPCAP_MISSING,
                "libpcap cannot be loaded (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + "); install the libpcap package (Debian: libpcap0.8)", e);
    }

    /**
     * Captures on the calling thread until a stop condition; returns at the latest after the duration plus
     * one poll interval.
     *
     * @param handler receives each packet (on the calling thread)
     * @return the summary
     * @throws CaptureException if the capture cannot start (see {@link CaptureException.Kind})
     */
    public LiveSummary run(PacketHandler handler) throws CaptureException {
        Running r = open(handler);
        r.loop();
        return r.summary();
    }

    /**
     * Opens the interface and sets the filter on the calling thread (so traffic sent after this returns is
     * captured), then captures on a new daemon thread named {@code phoenix-capture-IF}.
     *
     * @param handler receives each packet on the capture thread
     * @return the running capture; {@link RunningCapture#stop()} ends it early
     * @throws CaptureException if the capture cannot start
     */
    public RunningCapture start(PacketHandler handler) throws CaptureException {
        Running r = open(handler);
        Thread t = new Thread(() -> {
            try {
                r.loop();
                r.done.complete(r.summary());
            } catch (RuntimeException | Error e) {
                r.done.completeExceptionally(e);
            }
        }, "phoenix-capture-" + interfaceName);
        t.setDaemon(true);
        t.start();
        return r;
    }

    private Running open(PacketHandler handler) throws CaptureException {
        Objects.requireNonNull(handler, "handler");
        PcapHandle handle;
        try {
            PcapNetworkInterface nif = Pcaps.getDevByName(interfaceName);
            if (nif == null) {
                throw noSuchInterface(null);
            }
            PcapHandle.Builder hb = new PcapHandle.Builder(interfaceName).snaplen(snapLength)
                    .promiscuousMode(promiscuous ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis((int) Math.max(1, pollInterval.toMillis())).immediateMode(immediate)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO);
            try {
                handle = hb.build();
            } catch (PcapNativeException e) {
                if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("precision")) {
                    handle = hb.timestampPrecision(PcapHandle.TimestampPrecision.MICRO).build();
                } else {
                    throw e;
                }
            }
        } catch (PcapNativeException e) {
            throw classify(e);
        } catch (LinkageError e) {
            throw libpcapMissing(e);
        }
        try {
            if (!filter.expression().isEmpty()) {
                try {
                    handle.setFilter(filter.expression(), BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    throw new CaptureException(CaptureException.Kind.BAD_FILTER, interfaceName + ": libpcap rejects the"
                            + " filter '" + filter.expression() + "': " + e.getMessage() + " (see pcap-filter(7))", e);
                }
            }
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            int dlt = handle.getDlt().value();
            LinkType link = LinkType.of(dlt).orElseThrow(() -> new CaptureException(
                    CaptureException.Kind.FAILED, interfaceName + " has link type " + dlt + ", which is not dissected",
                    null));
            CaptureFileWriter writer = writeTo == null ? null : CaptureFileWriter.pcapng(writeTo, snapLength);
            return new Running(handle, link, handler, writer);
        } catch (CaptureException e) {
            handle.close();
            throw e;
        } catch (PcapNativeException | NotOpenException | IOException e) {
            handle.close();
            throw new CaptureException(CaptureException.Kind.FAILED, interfaceName + ": " + e.getMessage(), e);
        }
    }

    private CaptureException noSuchInterface(Throwable cause) {
        return new CaptureException(CaptureException.Kind.NO_SUCH_INTERFACE, "interface '" + interfaceName
                + "' does not exist (list them with LiveCapture.interfaces() or 'ip link')", cause);
    }

    private CaptureException classify(PcapNativeException e) {
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("permission") || lower.contains("not permitted")) {
            return new CaptureException(CaptureException.Kind.PERMISSION_DENIED, interfaceName + ": " + m
                    + "; capturing needs CAP_NET_RAW (and CAP_NET_ADMIN for promiscuous mode): run as root", e);
        }
        if (lower.contains("no such device") || lower.contains("doesn't exist") || lower.contains("not found")) {
            return noSuchInterface(e);
        }
        return new CaptureException(CaptureException.Kind.FAILED, interfaceName + ": " + m, e);
    }

    /** A capture running on its own thread. */
    public interface RunningCapture extends AutoCloseable {
        /**
         * Asks the capture to stop; it ends within one poll interval.
         */
        void stop();

        /**
         * Completes (on the capture thread) with the summary when the capture ends.
         *
         * @return the future
         */
        CompletableFuture<LiveSummary> done();

        /**
         * Stops and waits for the end (at most 10 seconds).
         */
        @Override
        void close();
    }

    private final class Running implements RunningCapture {
        private final PcapHandle handle;
        private final LinkType link;
        private final PacketHandler handler;
        private final CaptureFileWriter writer;
        private final CompletableFuture<LiveSummary> done = new CompletableFuture<>();
        private final List<CaptureWarning> warnings = new ArrayList<>();
        private volatile boolean stopRequested;
        private long packets;
        private long bytes;
        private long started;
        private long ended;
        private String why = "duration";

        Running(PcapHandle handle, LinkType link, PacketHandler handler, CaptureFileWriter writer) {
            this.handle = handle;
            this.link = link;
            this.handler = handler;
            this.writer = writer;
        }

        void loop() {
            started = System.nanoTime();
            long deadline = started + duration.toNanos();
            try {
                while (true) {
                    if (stopRequested) {
                        why = "stopped";
                        break;
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        why = "duration";
                        break;
                    }
                    if (maxPackets > 0 && packets >= maxPackets) {
                        why = "packet count";
                        break;
                    }
                    if (maxBytes > 0 && bytes >= maxBytes) {
                        why = "byte budget";
                        break;
                    }
                    byte[] raw = handle.getNextRawPacket();
                    if (raw == null) {
                        TimeUnit.NANOSECONDS.sleep(pollInterval.toNanos());
                        continue;
                    }
                    java.sql.Timestamp t = handle.getTimestamp();
                    long ts = t == null ? System.currentTimeMillis() * 1_000_000L
                            : Math.floorDiv(t.getTime(), 1000L) * 1_000_000_000L + t.getNanos();
                    Integer orig = handle.getOriginalLength();
                    int len = orig == null ? raw.length : orig;
                    packets++;
                    bytes += len;
                    if (writer != null) {
                        try {
                            writer.write(ts, link, raw, 0, raw.length, len);
                        } catch (IOException e) {
                            warnings.add(new CaptureWarning(interfaceName, -1, packets, "writing " + writeTo
                                    + " failed: " + e.getMessage() + "; write-through stopped"));
                            closeWriter();
                        }
                    }
                    handler.packet(ts, link, raw, 0, raw.length, len);
                }
            } catch (InterruptedException e) {
                why = "interrupted";
                Thread.currentThread().interrupt();
            } catch (NotOpenException e) {
                why = "error: handle closed";
            } finally {
                ended = System.nanoTime();
                handle.close();
                closeWriter();
            }
        }

        private boolean writerClosed;

        private void closeWriter() {
            if (writer != null && !writerClosed) {
                writerClosed = true;
                try {
                    writer.close();
                } catch (IOException e) {
                    warnings.add(new CaptureWarning(interfaceName, -1, 0, "closing " + writeTo + " failed: " + e.getMessage()));
                }
            }
        }

        LiveSummary summary() {
            return new LiveSummary(interfaceName, packets, bytes, Duration.ofNanos(ended - started), why,
                    Optional.ofNullable(writeTo), warnings);
        }

        @Override
        public void stop() {
            stopRequested = true;
        }

        @Override
        public CompletableFuture<LiveSummary> done() {
            return done;
        }

        @Override
        public void close() {
            stop();
            try {
                done.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // the summary reports what happened
            }
        }
    }

    /** Options of a live capture; not thread-safe. */
    public static final class Builder {
        private final String interfaceName;
        private BpfFilter filter = BpfFilter.all();
        private int snapLength = 262144;
        private boolean promiscuous;
        private boolean immediate = true;
        private Duration duration = Duration.ofSeconds(10);
        private long maxPackets;
        private long maxBytes;
        private Path writeTo;
        private Duration pollInterval = Duration.ofMillis(5);

        private Builder(String interfaceName) {
            this.interfaceName = Objects.requireNonNull(interfaceName, "interfaceName");
            if (interfaceName.isBlank()) {
                throw new IllegalArgumentException("interface name must not be blank");
            }
        }

        /**
         * The BPF filter.
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder filter(BpfFilter filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /**
         * Bytes kept of each packet.
         *
         * @param bytes 64-262144
         * @return this builder
         * @throws IllegalArgumentException outside the range
         */
        public Builder snapLength(int bytes) {
            if (bytes < 64 || bytes > 262144) {
                throw new IllegalArgumentException("snap length must be 64-262144 bytes: " + bytes);
            }
            this.snapLength = bytes;
            return this;
        }

        /**
         * Promiscuous mode (see traffic not addressed to this host; needs CAP_NET_ADMIN).
         *
         * @param on whether on
         * @return this builder
         */
        public Builder promiscuous(boolean on) {
            this.promiscuous = on;
            return this;
        }

        /**
         * Immediate mode (deliver packets as they arrive instead of buffering).
         *
         * @param on whether on
         * @return this builder
         */
        public Builder immediate(boolean on) {
            this.immediate = on;
            return this;
        }

        /**
         * How long to capture at most.
         *
         * @param duration positive, at most one day
         * @return this builder
         * @throws IllegalArgumentException if not positive or longer than a day
         */
        public Builder duration(Duration duration) {
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("duration must be positive and at most one day: " + duration);
            }
            this.duration = duration;
            return this;
        }

        /**
         * Stop after this many packets.
         *
         * @param packets a count, 0 for no limit
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxPackets(long packets) {
            if (packets < 0) {
                throw new IllegalArgumentException("packet count must be >= 0: " + packets);
            }
            this.maxPackets = packets;
            return this;
        }

        /**
         * Stop after this many bytes (wire lengths).
         *
         * @param bytes a budget, 0 for no limit
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("byte budget must be >= 0: " + bytes);
            }
            this.maxBytes = bytes;
            return this;
        }

        /**
         * Also write every packet to a pcapng file (evidence).
         *
         * @param file the file, created or truncated
         * @return this builder
         */
        public Builder writeTo(Path file) {
            this.writeTo = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * How long the reader sleeps when no packet is pending.
         *
         * @param interval 1-100 ms
         * @return this builder
         * @throws IllegalArgumentException outside the range
         */
        public Builder pollInterval(Duration interval) {
            if (interval.toMillis() < 1 || interval.toMillis() > 100) {
                throw new IllegalArgumentException("poll interval must be 1-100 ms: " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * Builds the capture description (nothing is opened yet).
         *
         * @return the capture
         */
        public LiveCapture build() {
            return new LiveCapture(this);
        }
    }
}
