package dev.janus.guest.agent.session;

import dev.janus.guest.protocol.EventType;

/** Where the agent's events go: the current greeted session, if there is one. */
@FunctionalInterface
public interface EventSink {

    void send(EventType type, Record event);
}
