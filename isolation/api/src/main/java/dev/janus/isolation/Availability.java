package dev.janus.isolation;

/** Whether a backend can run on this host, and if not, why: Status and the log show the cause. */
public record Availability(boolean available, String cause) {

    public static Availability yes() {
        return new Availability(true, "");
    }

    public static Availability no(String cause) {
        return new Availability(false, cause);
    }
}
