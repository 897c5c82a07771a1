/**
 * Multiplexed one-way byte streams inside a session, with credit-based flow control: a writer
 * never has more than one 256 KiB window outstanding per stream, so neither side buffers
 * without bound however fast a container writes. Used by both the agent and janusd's client.
 */
package dev.janus.guest.protocol.stream;
