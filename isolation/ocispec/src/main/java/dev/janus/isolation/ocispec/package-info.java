/**
 * The pure builder from a CRI container or sandbox config to an OCI runtime spec (config.json).
 *
 * <p>Used on the host by the runc/crun backend ({@code isolation/oci}) and inside the Linux
 * utility VM by the guest agent, so it runs no process and mounts nothing. Its only reads are
 * the image's /etc/passwd and /etc/group (resolved inside the rootfs: a symlink never leads out
 * of it), a localhost seccomp profile, and host devices through the injectable
 * {@link dev.janus.isolation.ocispec.HostDevices}. What the host itself limits (oom_score_adj
 * floor, hard rlimits, held capabilities) comes in as {@link dev.janus.isolation.ocispec.HostLimits}
 * and is clamped, not failed on; each clamp is returned as a
 * {@link dev.janus.isolation.ocispec.SpecWarning}.
 *
 * <p>Entry point: {@link dev.janus.isolation.ocispec.OciSpecBuilder}, one instance per host (or
 * VM), with {@code container(ContainerInputs)} and {@code sandbox(SandboxInputs)}. The behaviour
 * follows containerd's CRI plugin; each class names the subject it decides (ProcessArgs,
 * EnvMerger, UserResolver, Capabilities, SeccompProfiles, MountMapper, Namespaces, Resources,
 * Devices, ...). The spec records are in the {@code model} subpackage.
 */
package dev.janus.isolation.ocispec;
