package dev.janus.isolation.uvm;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.Mount;
import dev.janus.cri.api.MountPropagation;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.p9.daemon.ShareRequest;
import dev.janus.isolation.p9.daemon.VolumeServerClient;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.vm.ChannelEndpoint;
import dev.janus.isolation.uvm.vm.ChannelSpec;
import dev.janus.isolation.uvm.vm.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VM pod's CRI mounts, live: each host directory (or single file) is a share of the node's
 * volume server ({@code janus-9p}), served on a virtio-serial port hot-added for it, mounted by
 * the agent under /run/janus-volumes, and bound into the containers from there. One share per
 * host path and access mode, used by every container of the pod that mounts it: two containers
 * of a pod see one emptyDir, and a read-only mount is read-only at the server too. The share
 * goes when its last container does.
 */
final class VolumeShares {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeShares.class);
    private static final int VSOCK_BASE = 0x40001000;
    private static final String SHARES = "shares.json";

    private final VolumeServerClient server;

    VolumeShares(VolumeServerClient server) {
        this.server = server;
    }

    /** The config with each mount's host path replaced by its share in the guest. */
    ContainerConfig mount(PodVm pod, ContainerConfig config, String containerId) {
        if (config.getMountsCount() == 0) {
            return config;
        }
        boolean privileged = config.getLinux().getSecurityContext().getPrivileged();
        ContainerConfig.Builder out = config.toBuilder().clearMounts();
        synchronized (pod) {
            for (Mount mount : config.getMountsList()) {
                if (mount.getPropagation() == MountPropagation.PROPAGATION_BIDIRECTIONAL) {
                    throw CriException.invalid("mount %s asks for bidirectional propagation: mounts made in a VM"
                            + " cannot reach the host (use a process handler such as runc)", mount.getContainerPath());
                }
                Path source = Path.of(mount.getHostPath());
                if (!source.isAbsolute() || !Files.exists(source)) {
                    throw CriException.precondition("mount %s: host path %s does not exist", mount.getContainerPath(),
                            source);
                }
                boolean directory = Files.isDirectory(source);
                String dir = (directory ? source : source.getParent()).toString();
                String file = directory ? "" : source.getFileName().toString();
                // private (kubelet's default): the host's later mounts stay out, as a private bind keeps them
                boolean hostMounts = mount.getPropagation() != MountPropagation.PROPAGATION_PRIVATE;
                ShareFile share = find(pod, dir, file, mount.getReadonly(), hostMounts);
                if (share == null) {
                    share = open(pod, dir, file, mount.getReadonly(), privileged, hostMounts);
                }
                replace(pod, share, share.withUser(containerId));
                out.addMounts(mount.toBuilder().setHostPath(share.guestSource()));
            }
        }
        return out.build();
    }

    /** After the container is gone from the guest: shares no container uses any more go too. */
    void release(PodVm pod, String containerId) {
        synchronized (pod) {
            for (ShareFile share : shares(pod)) {
                if (!share.users().contains(containerId)) {
                    continue;
                }
                ShareFile left = share.withoutUser(containerId);
                if (left.users().isEmpty()) {
                    close(pod, share);
                    remove(pod, share);
                } else {
                    replace(pod, share, left);
                }
            }
        }
    }

    /** The pod's VM ended: the server lets go of its shares (their channels are gone anyway). */
    void forget(PodVm pod) {
        try {
            server.forgetVm(pod.id());
        } catch (IOException e) {
            LOG.warn("janus-9p could not forget the shares of {}: {}", pod.id(), e.getMessage());
        }
    }

    /** After janusd restarted: the VM's hot-added ports known again, and checked against the server. */
    void adopt(PodVm pod, Vm vm) {
        List<ShareFile> shares = shares(pod);
        for (ShareFile share : shares) {
            vm.adoptChannel(new ChannelSpec(share.port(), share.port().replace('.', '-') + ".sock",
                    share.vsockPort()));
        }
        try {
            List<String> served = server.list().stream().filter(r -> r.vmId().equals(pod.id()))
                    .map(ShareRequest::aname).toList();
            List<String> recorded = shares.stream().map(ShareFile::aname).toList();
            for (ShareFile share : shares) {
                if (!served.contains(share.aname())) {
                    LOG.warn("janus-9p no longer serves share {} of sandbox {}: its mount in the guest fails"
                            + " until the pod is recreated", share.aname(), pod.id());
                }
            }
            for (String aname : served) {
                if (!recorded.contains(aname)) {
                    // janusd died between sharing it and recording it: nothing binds it
                    server.unshare(pod.id(), aname);
                }
            }
        } catch (IOException e) {
            LOG.warn("janus-9p does not answer: the volumes of {} may fail: {}", pod.id(), e.getMessage());
        }
    }

    private ShareFile open(PodVm pod, String dir, String file, boolean readOnly, boolean devices,
            boolean hostMounts) {
        Vm vm = pod.vm();
        AgentClient agent = pod.agent();
        int n = next(pod);
        String aname = "v" + n;
        ChannelSpec port = ChannelSpec.named("janus.9p." + n, VSOCK_BASE + n);
        if (vm.endpoint(ChannelSpec.AGENT.name()) instanceof ChannelEndpoint.HvSocket) {
            // the channel is ready (janus-9p listens on hvsock, the agent mounts over AF_VSOCK);
            // what serves the files is not: janus-9p's file system side speaks Linux system calls
            throw new CriException(CriException.Kind.UNIMPLEMENTED, "volumes of linux-vm pods on a Windows host:"
                    + " janus-9p does not serve NTFS directories yet (its hvsock channel is written)");
        }
        vm.exposeChannel(port);
        ShareFile share = new ShareFile(aname, port.name(), port.vsockPort(), dir, file, readOnly, devices,
                GuestPaths.VOLUMES.resolve(aname).toString(), List.of(), hostMounts);
        try {
            ChannelEndpoint endpoint = vm.endpoint(port.name());
            server.share(new ShareRequest(pod.id(), aname, endpoint.address(), dir, readOnly, devices, file,
                    hostMounts));
            // under Hyper-V janus-9p listens now and the guest dials the share's vsock port
            int vsockPort = endpoint instanceof ChannelEndpoint.HvSocket ? port.vsockPort() : 0;
            AgentClient.await(agent.mountShare(port.name(), vsockPort, aname, share.target(), readOnly));
        } catch (IOException | RuntimeException e) {
            close(pod, share);
            throw e instanceof CriException c ? c : CriException.precondition("cannot share %s with sandbox %s: %s",
                    dir, pod.id(), e.getMessage());
        }
        LOG.info("sandbox {}: {}{} shared at {}{}", pod.id(), dir, file.isEmpty() ? "" : "/" + file, share.target(),
                readOnly ? " (read-only)" : "");
        return share;
    }

    /** Undoes a share as far as it got: the guest's mount, the server's session, the port. */
    private void close(PodVm pod, ShareFile share) {
        if (pod.running()) {
            try {
                AgentClient.await(pod.agent().unmountShare(share.target()));
            } catch (CriException e) {
                LOG.warn("sandbox {}: unmount of {}: {}", pod.id(), share.target(), e.getMessage());
            }
        }
        try {
            server.unshare(pod.id(), share.aname());
        } catch (IOException e) {
            LOG.warn("sandbox {}: janus-9p unshare of {}: {}", pod.id(), share.aname(), e.getMessage());
        }
        if (pod.running()) {
            try {
                pod.vm().removeChannel(share.port());
            } catch (RuntimeException e) {
                LOG.debug("sandbox {}: port {}: {}", pod.id(), share.port(), e.getMessage());
            }
        }
    }

    private static ShareFile find(PodVm pod, String dir, String file, boolean readOnly, boolean hostMounts) {
        return shares(pod).stream().filter(s -> s.serves(dir, file, readOnly, hostMounts)).findFirst().orElse(null);
    }

    private static int next(PodVm pod) {
        return shares(pod).stream().map(s -> Integer.parseInt(s.aname().substring(1))).max(Integer::compare)
                .orElse(0) + 1;
    }

    static List<ShareFile> shares(PodVm pod) {
        return StateFiles.read(pod.dir().resolve(SHARES), ShareFile[].class).map(List::of).orElse(List.of());
    }

    private static void replace(PodVm pod, ShareFile old, ShareFile updated) {
        List<ShareFile> all = new ArrayList<>(shares(pod));
        all.removeIf(s -> s.aname().equals(old.aname()));
        all.add(updated);
        StateFiles.write(pod.dir().resolve(SHARES), all.toArray(ShareFile[]::new));
    }

    private static void remove(PodVm pod, ShareFile share) {
        List<ShareFile> all = new ArrayList<>(shares(pod));
        all.removeIf(s -> s.aname().equals(share.aname()));
        StateFiles.write(pod.dir().resolve(SHARES), all.toArray(ShareFile[]::new));
    }
}
