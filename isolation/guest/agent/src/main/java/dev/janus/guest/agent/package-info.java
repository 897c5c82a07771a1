/**
 * The guest agent: started by the VM's init under catatonit, it serves janusd's sessions over
 * the agent channel and runs the pod's containers with crun. Java 21 and java.base only (the
 * image's jlink'd runtime); the few system calls the JDK lacks (pty, AF_VSOCK) are in
 * src/main/java22 with java.lang.foreign, loaded only on a 22+ runtime.
 *
 * <pre>
 *   AgentMain -> Agent (wiring, serve loop, shutdown)
 *     link/       where sessions come from: virtio-serial, AF_VSOCK, a test socket
 *     session/    preamble, HELLO, dispatch of requests to handlers
 *     containers/ create/start/attach/exec/signal/delete with crun, stdio relays, stats
 *     storage/    disks by serial, mounts, the overlay rootfs
 *     net/        eth0, routes, resolv.conf, hostname with busybox ip
 *     forward/    port forwarding to 127.0.0.1 in the VM
 *     sys/        commands, /proc, the clock, files, native calls
 * </pre>
 */
package dev.janus.guest.agent;
