package dev.janus.isolation.p9.server;

import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.P9Error;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's fids, bounded: each holds a descriptor on the host, so a guest cannot make
 * janusd run out of them (past the bound: EMFILE, as a process past its limit would get).
 * A fid a request gets or removes is held for that request until {@link #doneWithAll} (each
 * request runs on a thread of its own), so a concurrent clunk cannot close it under the request.
 */
final class FidTable {

    private final ConcurrentHashMap<Integer, Fid> fids = new ConcurrentHashMap<>();
    private final int max;
    private final ThreadLocal<List<Fid>> used = ThreadLocal.withInitial(ArrayList::new);

    FidTable(int max) {
        this.max = max;
    }

    /** The fid, held for the calling request. */
    Fid get(int id) {
        Fid fid = fids.get(id);
        if (fid == null || !fid.use()) {
            throw new P9Error(Errno.EBADF, "unknown fid " + Integer.toUnsignedString(id));
        }
        used.get().add(fid);
        return fid;
    }

    /** Adds a new fid; the fid number in use already, or too many fids: the node is closed and it fails. */
    void add(int id, Fid fid) {
        if (fids.size() >= max) {
            fid.close();
            throw new P9Error(Errno.EMFILE, "more than " + max + " fids");
        }
        if (fids.putIfAbsent(id, fid) != null) {
            fid.close();
            throw new P9Error(Errno.EBADF, "fid " + Integer.toUnsignedString(id) + " is in use");
        }
    }

    /** Forgets a fid, which the caller closes; held for the calling request as {@link #get} does. */
    Fid remove(int id) {
        Fid fid = fids.remove(id);
        if (fid == null || !fid.use()) {
            throw new P9Error(Errno.EBADF, "unknown fid " + Integer.toUnsignedString(id));
        }
        used.get().add(fid);
        return fid;
    }

    /** The calling request is over: every fid it got is let go. */
    void doneWithAll() {
        List<Fid> mine = used.get();
        mine.forEach(Fid::done);
        mine.clear();
    }

    boolean contains(int id) {
        return fids.containsKey(id);
    }

    int size() {
        return fids.size();
    }

    void closeAll() {
        for (Integer id : fids.keySet()) {
            Fid fid = fids.remove(id);
            if (fid != null) {
                fid.close();
            }
        }
    }
}
