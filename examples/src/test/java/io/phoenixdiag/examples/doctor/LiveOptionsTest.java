package io.phoenixdiag.examples.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.phoenixdiag.examples.doctor.PhoenixDoctorTest.Run;

/** The timeouts of {@code --live}/{@code --demo}: refused without them, validated before the lab starts. */
class LiveOptionsTest {
    @Test
    void timeoutsWithoutLiveOrDemoAreUsageErrors() {
        assertEquals(new Run(2, "", "phoenix-doctor: --probe-timeout-ms is only taken with --live or --demo\n"),
                PhoenixDoctorTest.run("doctor", "--probe-timeout-ms", "1000"));
        assertEquals(new Run(2, "", "phoenix-doctor: --live-deadline-ms is only taken with --live or --demo\n"),
                PhoenixDoctorTest.run("--live-deadline-ms", "5000"));
    }

    /** Exactly one line on stderr: the lab's port map (printed when it starts) is not there. */
    @Test
    void badTimeoutsAreRefusedBeforeTheLabStarts() {
        assertEquals(new Run(2, "", "phoenix-doctor: --probe-timeout-ms: must be 1..2147483647: 0\n"),
                PhoenixDoctorTest.run("doctor", "--demo", "--probe-timeout-ms", "0"));
        assertEquals(new Run(2, "", "phoenix-doctor: --live-deadline-ms: deadlineMs must be 1..2147483647: 0\n"),
                PhoenixDoctorTest.run("doctor", "--demo", "--live-deadline-ms", "0"));
    }
}
