package dev.janus.networking;

/** NetworkReady as Status reports it: when false, a reason and a message saying what is missing. */
public record NetworkReadiness(boolean ready, String reason, String message) {

    public static NetworkReadiness isReady() {
        return new NetworkReadiness(true, "", "");
    }

    public static NetworkReadiness notReady(String reason, String message) {
        return new NetworkReadiness(false, reason, message);
    }
}
