package dev.janus.cri.image;

import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.images.PlatformRequest;

/**
 * Which platform an image is wanted for, from the handler the pod runs on: Windows handlers
 * want Windows images (process or Hyper-V isolated), every other handler Linux ones.
 */
public final class Platforms {

    private Platforms() {
    }

    public static PlatformRequest forHandler(String handler) {
        if (handler == null || handler.isEmpty()) {
            return PlatformRequest.hostDefault();
        }
        return switch (handler) {
            case "windows-process", "runhcs-wcow-process" -> PlatformRequest.windows(PlatformRequest.WindowsIsolation.PROCESS);
            case "windows-hyperv", "runhcs-wcow-hypervisor" -> PlatformRequest.windows(PlatformRequest.WindowsIsolation.HYPERV);
            default -> PlatformRequest.linux();
        };
    }

    /** For a pull: the image spec's handler if kubelet sent one, else whether the pod is Windows. */
    public static PlatformRequest forPull(String imageHandler, PodSandboxConfig sandbox) {
        if (imageHandler != null && !imageHandler.isEmpty()) {
            return forHandler(imageHandler);
        }
        if (sandbox != null && sandbox.hasWindows()) {
            return PlatformRequest.windows(PlatformRequest.WindowsIsolation.PROCESS);
        }
        return sandbox != null && sandbox.hasLinux() ? PlatformRequest.linux() : PlatformRequest.hostDefault();
    }

    public static PlatformRequest forSandbox(PodSandboxConfig sandbox, String handler) {
        return forHandler(handler);
    }
}
