package dev.janus.images;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.janus.images.platform.HostPlatform;
import java.util.Objects;

/**
 * Which kind of pod an image is for, with the host facts platform selection needs. cri-server
 * builds one from the runtime handler (or the sandbox config) of the request: Linux pods,
 * process-isolated or in a per-pod VM, get {@link #linux()}; Windows pods get
 * {@link #windows(WindowsIsolation)}.
 *
 * @param os               {@code linux} or {@code windows}
 * @param isolation        for Windows pods only (null for Linux)
 * @param architecture     OCI architecture of the host, e.g. {@code amd64}, {@code arm64}
 * @param variant          OCI variant of the host CPU where one matters ({@code v8}, {@code v7}), or empty
 * @param hostWindowsBuild the host's Windows build (e.g. 20348); 0 when not on Windows
 */
public record PlatformRequest(
        String os, WindowsIsolation isolation, String architecture, String variant, int hostWindowsBuild) {

    public enum WindowsIsolation { PROCESS, HYPERV }

    public PlatformRequest {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        variant = variant == null ? "" : variant;
        if (!os.equals("linux") && !os.equals("windows")) {
            throw ImageException.invalid("platform os must be linux or windows, not '" + os + "'");
        }
        if (os.equals("windows") && isolation == null) {
            throw ImageException.invalid("a windows platform needs an isolation (process or hyperv)");
        }
        if (os.equals("linux")) {
            isolation = null;
        }
    }

    /** What an image reference means on this host when the request says nothing about the pod. */
    public static PlatformRequest hostDefault() {
        HostPlatform host = HostPlatform.current();
        return host.isWindows()
                ? windows(WindowsIsolation.PROCESS, host.architecture(), host.windowsBuild())
                : linux();
    }

    /** A Linux pod (process-isolated or in a utility VM) on this host's architecture. */
    public static PlatformRequest linux() {
        HostPlatform host = HostPlatform.current();
        return new PlatformRequest("linux", null, host.architecture(), host.variant(), host.windowsBuild());
    }

    /** A Windows pod on this host, with this host's build. */
    public static PlatformRequest windows(WindowsIsolation isolation) {
        HostPlatform host = HostPlatform.current();
        return windows(isolation, host.architecture(), host.windowsBuild());
    }

    /** A Windows pod for a given host build: for tests and for hosts whose build is configured. */
    public static PlatformRequest windows(WindowsIsolation isolation, String architecture, int hostBuild) {
        return new PlatformRequest("windows", isolation, architecture, "", hostBuild);
    }

    @JsonIgnore
    public boolean isWindows() {
        return os.equals("windows");
    }

    @Override
    public String toString() {
        String s = os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
        return isWindows() ? s + " (" + isolation.name().toLowerCase() + ", host build " + hostWindowsBuild + ")" : s;
    }
}
