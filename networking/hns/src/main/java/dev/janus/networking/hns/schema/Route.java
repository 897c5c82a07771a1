package dev.janus.networking.hns.schema;

/** A subnet's or endpoint's route; HNS leaves out {@code Metric} when it is 0. */
public record Route(String nextHop, String destinationPrefix, Integer metric) {

    public static Route via(String nextHop, String destinationPrefix) {
        return new Route(nextHop, destinationPrefix, null);
    }
}
