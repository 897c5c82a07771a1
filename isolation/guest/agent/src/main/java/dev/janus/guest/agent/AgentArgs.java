package dev.janus.guest.agent;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The agent's command line.
 *
 * <pre>
 *   --channel PATH       the virtio-serial port (QEMU)           | one of these three
 *   --vsock-port N       connect to the host over AF_VSOCK (Hyper-V) |
 *   --unix-socket PATH   listen on a unix socket (tests, development) |
 *   --runtime PATH       OCI runtime (default /usr/bin/crun)
 *   --state DIR          bundles, mounts, runtime state (default /run/janus-agent)
 *   --busybox PATH       for mount, ip, hostname, kill, setsid, date (default /bin/busybox)
 *   --disk-links DIR     find disks as DIR/&lt;serial&gt; links instead of /sys/block/vd*&#47;serial
 *   --etc DIR            where resolv.conf and hostname go (default /etc)
 *   --cgroup-root DIR    (default /sys/fs/cgroup)
 *   --no-clock-sync      never set the clock (tests on a host)
 *   --self-test          start, serve a host inside this process, exit 0 (image build, CDS training)
 * </pre>
 */
public record AgentArgs(Path channel, int vsockPort, Path unixSocket, Path runtime, Path state, Path busybox,
        Path diskLinks, Path etc, Path cgroupRoot, boolean clockSync, boolean selfTest) {

    public static AgentArgs parse(String... args) {
        Path channel = null;
        int vsock = 0;
        Path unix = null;
        Path runtime = Path.of("/usr/bin/crun");
        Path state = Path.of("/run/janus-agent");
        Path busybox = Path.of("/bin/busybox");
        Path diskLinks = null;
        Path etc = Path.of("/etc");
        Path cgroupRoot = Path.of("/sys/fs/cgroup");
        boolean clockSync = true;
        boolean selfTest = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--channel" -> channel = Path.of(value(args, ++i, arg));
                case "--vsock-port" -> vsock = port(value(args, ++i, arg));
                case "--unix-socket" -> unix = Path.of(value(args, ++i, arg));
                case "--runtime" -> runtime = Path.of(value(args, ++i, arg));
                case "--state" -> state = Path.of(value(args, ++i, arg));
                case "--busybox" -> busybox = Path.of(value(args, ++i, arg));
                case "--disk-links" -> diskLinks = Path.of(value(args, ++i, arg));
                case "--etc" -> etc = Path.of(value(args, ++i, arg));
                case "--cgroup-root" -> cgroupRoot = Path.of(value(args, ++i, arg));
                case "--no-clock-sync" -> clockSync = false;
                case "--self-test" -> selfTest = true;
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (selfTest && channel == null && vsock == 0 && unix == null) {
            // served in-process; the socket is never listened on
            unix = Path.of(System.getProperty("java.io.tmpdir"), "janus-agent-self-test.sock");
            state = Path.of(System.getProperty("java.io.tmpdir"), "janus-agent-self-test");
            clockSync = false;
        }
        int transports = (channel != null ? 1 : 0) + (vsock != 0 ? 1 : 0) + (unix != null ? 1 : 0);
        if (transports != 1) {
            throw new IllegalArgumentException("give exactly one of --channel, --vsock-port, --unix-socket");
        }
        return new AgentArgs(channel, vsock, unix, runtime, state.toAbsolutePath(), busybox, diskLinks, etc,
                cgroupRoot, clockSync, selfTest);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return Objects.requireNonNull(args[i]);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--vsock-port " + text + ": a positive number");
    }
}
