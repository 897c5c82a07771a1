package dev.janus.isolation.p9.daemon;

import dev.janus.isolation.p9.fs.Share;
import dev.janus.isolation.p9.fs.ShareTree;
import dev.janus.isolation.p9.server.P9Session;
import dev.janus.isolation.p9.wire.P9Error;
import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every share the node's VMs mount, each served on its own channel by its own session. A share
 * lasts until it is unshared, its VM is forgotten, or its channel closes (the VM ended).
 */
public final class VolumeServer {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeServer.class);

    private final Map<String, Served> served = new ConcurrentHashMap<>();

    /** A share being served: the request it came from, its file system side and its channel. */
    private record Served(ShareRequest request, Share share, ShareChannel channel, Thread session) {
    }

    private static String key(String vmId, String aname) {
        return vmId + "/" + aname;
    }

    /** Opens the host path, connects the share's channel and starts serving it; idempotent for the same request. */
    public void share(ShareRequest request) throws IOException {
        String key = key(request.vmId(), request.aname());
        Served existing = served.get(key);
        if (existing != null) {
            if (existing.request().equals(request) && existing.session().isAlive()) {
                return;
            }
            unshare(request.vmId(), request.aname());
        }
        Share share;
        try {
            Path dir = Path.of(request.hostPath());
            share = !request.file().isEmpty()
                    ? Share.ofFile(request.aname(), dir.resolve(request.file()), request.readOnly())
                    : request.hostMounts() ? Share.open(request.aname(), dir, request.readOnly(), request.devices())
                    : Share.openPrivate(request.aname(), dir, request.readOnly(), request.devices());
        } catch (P9Error e) {
            throw new IOException(e.getMessage(), e);
        }
        ShareChannel channel;
        try {
            channel = ShareChannel.prepare(request.channel());
        } catch (IOException e) {
            share.close();
            throw e;
        }
        ShareTree tree = new ShareTree(share);
        Thread session = Thread.ofVirtual().name("9p-" + key).unstarted(() -> {
            try {
                ByteChannel stream = channel.open();
                new P9Session(key, stream, stream, aname -> aname.equals(request.aname()) ? tree : null).run();
            } catch (IOException e) {
                LOG.warn("share {}: {}", key, e.getMessage());
            }
            ended(key);
        });
        served.put(key, new Served(request, share, channel, session));
        session.start();
        LOG.info("serving {} ({}{}) to VM {} as {}", request.hostPath(), request.file().isEmpty() ? "" : request.file()
                + ", ", request.readOnly() ? "read-only" : "read-write", request.vmId(), request.aname());
    }

    public void unshare(String vmId, String aname) {
        Served share = served.remove(key(vmId, aname));
        if (share != null) {
            close(share);
        }
    }

    /** Every share of a VM that is gone. */
    public void forgetVm(String vmId) {
        for (Served share : List.copyOf(served.values())) {
            if (share.request().vmId().equals(vmId)) {
                unshare(vmId, share.request().aname());
            }
        }
    }

    public List<ShareRequest> list() {
        List<ShareRequest> requests = new ArrayList<>();
        served.values().forEach(s -> requests.add(s.request()));
        return requests;
    }

    public int size() {
        return served.size();
    }

    /** The channel closed (its VM ended): the share goes. */
    private void ended(String key) {
        Served share = served.get(key);
        if (share != null && share.session() == Thread.currentThread() && served.remove(key, share)) {
            LOG.info("share {} ended with its channel", key);
            close(share);
        }
    }

    private static void close(Served share) {
        share.channel().close(); // the session ends with it
        share.share().close();
    }
}
