/**
 * janusd's client of the guest agent (the protocol of isolation/guest/PROTOCOL.md), kept apart
 * from the transport: {@link dev.janus.isolation.uvm.agent.AgentClient} takes any connected byte
 * channel (QEMU's unix socket for the virtio-serial port, hvsock on Windows, pipes in tests).
 * Failures are CriExceptions: the agent's kind, DEADLINE_EXCEEDED, or UNAVAILABLE for a dead
 * channel.
 */
package dev.janus.isolation.uvm.agent;
