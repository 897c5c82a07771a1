package dev.janus.isolation;

import java.util.Map;

/**
 * A backend, found with {@link java.util.ServiceLoader}: cri-server picks one per configured
 * handler by {@link #backend()} and never sees the backend's classes.
 */
public interface RuntimeHandlerFactory {

    /** The {@code backend} value in the config's runtime table, e.g. {@code oci}. */
    String backend();

    /** Whether handlers of this backend with these options can work on this host. */
    Availability probe(Map<String, Object> options, HostContext host);

    /** Builds the handler; called only after {@link #probe} said yes. */
    RuntimeHandler create(String handlerName, Map<String, Object> options, HostContext host);
}
