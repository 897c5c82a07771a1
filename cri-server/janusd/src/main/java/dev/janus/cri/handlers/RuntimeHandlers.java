package dev.janus.cri.handlers;

import dev.janus.cri.config.JanusConfig;
import dev.janus.cri.config.RuntimeEntry;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.Availability;
import dev.janus.isolation.HostContext;
import dev.janus.isolation.RuntimeHandler;
import dev.janus.isolation.RuntimeHandlerFactory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured handler table made real: each row's backend is found by name among the
 * backends on the class path, asked whether it can run here, and built if so. A row that cannot
 * run stays listed with its cause, so Status and RunPodSandbox can say why.
 */
public final class RuntimeHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeHandlers.class);

    private final String defaultHandler;
    private final Map<String, String> aliases;
    private final Map<String, RuntimeHandler> usable = new LinkedHashMap<>();
    private final Map<String, String> unusable = new LinkedHashMap<>();

    public RuntimeHandlers(JanusConfig config, HostContext host) {
        this.defaultHandler = config.defaultRuntime();
        this.aliases = config.runtimeAliases();
        Map<String, RuntimeHandlerFactory> backends = new LinkedHashMap<>();
        ServiceLoader.load(RuntimeHandlerFactory.class).forEach(f -> backends.put(f.backend(), f));
        config.runtimes().forEach((name, entry) -> build(name, entry, backends.get(entry.backend()), host));
    }

    private void build(String name, RuntimeEntry entry, RuntimeHandlerFactory factory, HostContext host) {
        if (factory == null) {
            unusable.put(name, "backend \"" + entry.backend() + "\" is not part of this janusd");
        } else {
            Availability availability = factory.probe(entry.options(), host);
            if (availability.available()) {
                usable.put(name, factory.create(name, entry.options(), host));
                return;
            }
            unusable.put(name, availability.cause());
        }
        LOG.warn("runtime handler {} is unavailable on this host: {}", name, unusable.get(name));
    }

    /** The handler name a request's runtime_handler means: default, alias or itself. */
    public String canonicalName(String requested) {
        if (requested == null || requested.isEmpty()) {
            return defaultHandler;
        }
        return aliases.getOrDefault(requested, requested);
    }

    /** The handler for a request, or a status saying why there is none. */
    public RuntimeHandler forRequest(String requested) {
        String name = canonicalName(requested);
        RuntimeHandler handler = usable.get(name);
        if (handler != null) {
            return handler;
        }
        String cause = unusable.get(name);
        if (cause != null) {
            throw CriException.precondition("runtime handler \"%s\" is unavailable on this host: %s", name, cause);
        }
        throw CriException.notFound("no runtime for \"%s\" is configured", name);
    }

    /** The handler a stored object was created with; null if it is no longer configured. */
    public RuntimeHandler byName(String name) {
        return usable.get(name);
    }

    public Collection<RuntimeHandler> all() {
        return usable.values();
    }

    public Map<String, String> unavailable() {
        return unusable;
    }

    public String defaultHandler() {
        return defaultHandler;
    }
}
