package io.phoenixdiag.capture.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a live capture went.
 *
 * @param interfaceName  the interface
 * @param packets        packets delivered to the handler
 * @param bytes          their wire lengths summed, in bytes
 * @param elapsed        how long the capture ran
 * @param stoppedBecause {@code duration}, {@code packet count}, {@code byte budget}, {@code stopped}, or
 *                       {@code error: ...}
 * @param written        the pcapng evidence file, when write-through was asked for
 * @param warnings       problems during the capture (a handler that threw, a failed write)
 */
public record LiveSummary(String interfaceName, long packets, long bytes, Duration elapsed, String stoppedBecause,
                          Optional<Path> written, List<CaptureWarning> warnings) {
    /**
     * Validates the components.
     *
     * @param interfaceName  the interface
     * @param packets        packets
     * @param bytes          bytes
     * @param elapsed        elapsed time
     * @param stoppedBecause why it stopped
     * @param written        the evidence file
     * @param warnings       warnings
     */
    public LiveSummary {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(stoppedBecause, "stoppedBecause");
        Objects.requireNonNull(written, "written");
        warnings = List.copyOf(warnings);
    }
}
