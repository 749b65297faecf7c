package io.phoenixdiag.capture;

import io.phoenixdiag.capture.flow.CaptureStats;
import io.phoenixdiag.capture.flow.Flow;
import io.phoenixdiag.capture.flow.FlowTracker;
import io.phoenixdiag.capture.source.CaptureFileReader;
import io.phoenixdiag.capture.source.CaptureWarning;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The flows of one or more captures, with their statistics and every warning: the entry point for offline
 * analysis.
 *
 * <pre>{@code
 * CaptureAnalysis a = CaptureAnalysis.read(List.of(Path.of("dump.pcap")));
 * for (Flow f : a.flows()) System.out.println(f);          // tcp 10.0.0.1:41736 -> 10.0.0.2:9 REJ Sr REJECTED_RST
 * }</pre>
 *
 * @param flows    the flows, in order of their first packet
 * @param stats    packet counts
 * @param warnings file damage (where reading stopped) and malformed packets, in order
 */
public record CaptureAnalysis(List<Flow> flows, CaptureStats stats, List<CaptureWarning> warnings) {
    /**
     * Copies the lists.
     *
     * @param flows    the flows
     * @param stats    the statistics
     * @param warnings the warnings
     */
    public CaptureAnalysis {
        flows = List.copyOf(flows);
        Objects.requireNonNull(stats, "stats");
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads capture files in sequence through one {@link FlowTracker} (so a capture split in two files gives
     * the same flows as the whole). Damaged files give what was readable plus a warning.
     *
     * @param files pcap or pcapng files, in time order
     * @return the analysis
     * @throws io.phoenixdiag.capture.source.CaptureFormatException if a file is not a capture at all
     * @throws java.nio.file.NoSuchFileException if a file does not exist
     * @throws IOException if a file cannot be read
     */
    public static CaptureAnalysis read(List<Path> files) throws IOException {
        FlowTracker tracker = FlowTracker.create();
        List<CaptureWarning> fileWarnings = new ArrayList<>();
        for (Path f : files) {
            tracker.source(f.toString());
            try (CaptureFileReader r = CaptureFileReader.open(f)) {
                r.readAll(tracker);
                fileWarnings.addAll(r.warnings());
            }
        }
        return of(tracker, fileWarnings);
    }

    /**
     * The analysis of what a tracker has seen.
     *
     * @param tracker        the tracker
     * @param sourceWarnings warnings from the readers or the live capture
     * @return the analysis
     */
    public static CaptureAnalysis of(FlowTracker tracker, List<CaptureWarning> sourceWarnings) {
        List<CaptureWarning> all = new ArrayList<>(sourceWarnings);
        all.addAll(tracker.warnings());
        return new CaptureAnalysis(tracker.flows(), tracker.stats(), all);
    }
}
