/**
 * Containers in the guest without native code of our own: the runtime runs in the foreground
 * as a child process (its exit status is the container's, its stdio the container's), and
 * relays pump that stdio to and from the session's streams. A container's relays outlive a
 * session and are bound again by ATTACH_CONTAINER; an exec's die with its session.
 */
package dev.janus.guest.agent.containers;
