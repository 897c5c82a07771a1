package dev.janus.isolation.ocispec;

import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.model.OciLinux.Namespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which namespaces a process gets. A container always has its own mount namespace, joins the
 * pod's network, IPC and UTS namespaces (or the host's, where the pod uses those), and gets the
 * pid namespace its NamespaceMode says. A namespace left out of the list is the host's.
 */
final class Namespaces {

    private Namespaces() {
    }

    static List<Namespace> container(NamespaceOption opts, PodNamespaces pod, String targetPidNs,
            boolean privileged, HostFeatures host) {
        refuseUserNamespace(opts);
        List<Namespace> out = new ArrayList<>();
        out.add(Namespace.fresh("mount"));
        join(out, "network", pod.network());
        join(out, "ipc", pod.ipc());
        join(out, "uts", pod.uts());
        switch (opts.getPid()) {
            case POD -> join(out, "pid", pod.pid());
            case CONTAINER -> out.add(Namespace.fresh("pid"));
            case NODE -> { }
            case TARGET -> {
                if (targetPidNs == null || targetPidNs.isEmpty()) {
                    throw CriException.invalid("pid namespace mode TARGET (target %s) needs the target "
                            + "container's pid namespace", opts.getTargetId());
                }
                out.add(new Namespace("pid", targetPidNs));
            }
            case UNRECOGNIZED -> throw CriException.invalid("unknown pid namespace mode %d", opts.getPidValue());
        }
        // A cgroup namespace hides the host's cgroup tree; on v1 runc shows the container's
        // own paths instead, and privileged containers see the host's, as containerd does.
        if (host.cgroupV2() && !privileged) {
            out.add(Namespace.fresh("cgroup"));
        }
        return out;
    }

    /**
     * The pause process creates the pod's namespaces: network at the pinned netns path (a new one
     * when there is none), IPC, UTS and pid new, each left to the host for a NODE mode. A
     * hostNetwork pod keeps the host's UTS too, so it keeps the node's hostname.
     */
    static List<Namespace> sandbox(NamespaceOption opts, Path netnsPath) {
        refuseUserNamespace(opts);
        List<Namespace> out = new ArrayList<>();
        out.add(Namespace.fresh("mount"));
        if (opts.getNetwork() != NamespaceMode.NODE) {
            out.add(new Namespace("network", netnsPath == null ? null : netnsPath.toString()));
            out.add(Namespace.fresh("uts"));
        }
        if (opts.getIpc() != NamespaceMode.NODE) {
            out.add(Namespace.fresh("ipc"));
        }
        if (opts.getPid() != NamespaceMode.NODE) {
            out.add(Namespace.fresh("pid"));
        }
        return out;
    }

    private static void join(List<Namespace> out, String type, String path) {
        if (path != null) {
            out.add(new Namespace(type, path));
        }
    }

    private static void refuseUserNamespace(NamespaceOption opts) {
        if (opts.hasUsernsOptions() && opts.getUsernsOptions().getMode() == NamespaceMode.POD) {
            throw new CriException(CriException.Kind.UNIMPLEMENTED,
                    "user namespaces (hostUsers: false) are not supported by Janus yet");
        }
    }
}
