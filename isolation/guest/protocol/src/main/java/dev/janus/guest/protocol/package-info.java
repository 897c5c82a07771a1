/**
 * The guest agent protocol, shared by janusd and the agent (isolation/guest/PROTOCOL.md is its
 * specification): frames with a hard 1 MiB bound ({@link dev.janus.guest.protocol.FrameReader},
 * {@link dev.janus.guest.protocol.FrameWriter}), the session preamble, the operation and event
 * tables ({@link dev.janus.guest.protocol.Op}, {@link dev.janus.guest.protocol.EventType}).
 * JDK only: it runs inside every VM.
 */
package dev.janus.guest.protocol;
