package io.phoenixdiag.examples.doctor;

/**
 * Entry point of {@code phoenix-doctor.jar} (placeholder while the foundation is built).
 */
public final class PhoenixDoctor {
    private PhoenixDoctor() {
    }

    /**
     * Runs the program.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.out.println("phoenix-doctor");
    }
}
