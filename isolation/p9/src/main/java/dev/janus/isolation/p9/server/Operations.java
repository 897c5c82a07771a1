package dev.janus.isolation.p9.server;

import dev.janus.isolation.p9.fs.FileStat;
import dev.janus.isolation.p9.fs.Node;
import dev.janus.isolation.p9.fs.OpenFile;
import dev.janus.isolation.p9.fs.ShareTree;
import dev.janus.isolation.p9.fs.Xattrs;
import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.MessageReader;
import dev.janus.isolation.p9.wire.MessageWriter;
import dev.janus.isolation.p9.wire.P9;
import dev.janus.isolation.p9.wire.P9Error;
import dev.janus.isolation.p9.wire.Qid;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The 9P2000.L requests after Tversion, each read from its message and answered with its reply
 * (an error is thrown as {@link P9Error} and answered Rlerror by the session). One instance per
 * session: the fids are the session's.
 */
final class Operations {

    /** MAXWELEM: names in one Twalk. */
    private static final int MAX_WALK = 16;
    /** Rread and Rreaddir: header and count before the data. */
    private static final int IO_HEADER = P9.HEADER + 4;
    private static final int NO_UNAME = -1;

    private final FidTable fids;
    private final Function<String, ShareTree> shares;
    private final int msize;

    /** @param shares the tree an attach's aname names (empty: the only one); null if none */
    Operations(FidTable fids, Function<String, ShareTree> shares, int msize) {
        this.fids = fids;
        this.shares = shares;
        this.msize = msize;
    }

    ByteBuffer handle(int type, int tag, MessageReader in) {
        try {
            return dispatch(type, tag, in);
        } finally {
            fids.doneWithAll();
        }
    }

    private ByteBuffer dispatch(int type, int tag, MessageReader in) {
        return switch (type) {
            case P9.TATTACH -> attach(tag, in);
            case P9.TAUTH -> throw new P9Error(Errno.EOPNOTSUPP, "no authentication: the channel is the VM's own");
            case P9.TWALK -> walk(tag, in);
            case P9.TGETATTR -> getattr(tag, in);
            case P9.TSETATTR -> setattr(tag, in);
            case P9.TSTATFS -> statfs(tag, in);
            case P9.TLOPEN -> lopen(tag, in);
            case P9.TLCREATE -> lcreate(tag, in);
            case P9.TREAD -> read(tag, in);
            case P9.TWRITE -> write(tag, in);
            case P9.TREADDIR -> readdir(tag, in);
            case P9.TFSYNC -> fsync(tag, in);
            case P9.TMKDIR -> mkdir(tag, in);
            case P9.TSYMLINK -> symlink(tag, in);
            case P9.TMKNOD -> mknod(tag, in);
            case P9.TLINK -> link(tag, in);
            case P9.TREADLINK -> readlink(tag, in);
            case P9.TRENAME -> rename(tag, in);
            case P9.TRENAMEAT -> renameat(tag, in);
            case P9.TUNLINKAT -> unlinkat(tag, in);
            case P9.TREMOVE -> remove(tag, in);
            case P9.TCLUNK -> clunk(tag, in);
            case P9.TXATTRWALK -> xattrwalk(tag, in);
            case P9.TXATTRCREATE -> xattrcreate(tag, in);
            case P9.TLOCK -> lock(tag, in);
            case P9.TGETLOCK -> getlock(tag, in);
            default -> throw new P9Error(Errno.EOPNOTSUPP, "message type " + type + " is not 9P2000.L");
        };
    }

    private ByteBuffer attach(int tag, MessageReader in) {
        int fid = in.u32();
        in.u32(); // afid: no authentication
        String uname = in.string();
        String aname = in.string();
        int nUname = in.u32();
        ShareTree tree = shares.apply(aname);
        if (tree == null) {
            throw new P9Error(Errno.ENOENT, "no share " + aname);
        }
        int uid = nUname != NO_UNAME ? nUname : parseUid(uname);
        Node root = tree.share().rootNode();
        fids.add(fid, new Fid(uid, tree, root));
        return reply(P9.TATTACH, tag, Qid.SIZE).qid(tree.qid(tree.stat(root))).finish();
    }

    private static int parseUid(String uname) {
        try {
            return Integer.parseInt(uname);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Twalk: as far as the names go; a failure after the first name answers the qids so far. */
    private ByteBuffer walk(int tag, MessageReader in) {
        int fromId = in.u32();
        Fid from = fids.get(fromId);
        int newfid = in.u32();
        int count = in.u16();
        if (count > MAX_WALK) {
            throw new P9Error(Errno.EINVAL, "more than " + MAX_WALK + " names in one walk");
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(in.string());
        }
        ShareTree tree = from.tree;
        List<Qid> qids = new ArrayList<>();
        Node node = tree.copy(from.node());
        try {
            for (String name : names) {
                Node next;
                try {
                    next = tree.walk(node, name);
                } catch (P9Error e) {
                    if (qids.isEmpty()) {
                        throw e;
                    }
                    return walkReply(tag, qids);
                }
                node.close();
                node = next;
                qids.add(tree.qid(tree.stat(node)));
            }
            if (newfid == fromId) {
                fids.remove(newfid).close();
            }
            fids.add(newfid, new Fid(from.uid, tree, node));
            node = null;
            return walkReply(tag, qids);
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    private ByteBuffer walkReply(int tag, List<Qid> qids) {
        MessageWriter out = reply(P9.TWALK, tag, 2 + qids.size() * Qid.SIZE).u16(qids.size());
        qids.forEach(out::qid);
        return out.finish();
    }

    private ByteBuffer getattr(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        in.u64(); // request_mask: everything is cheap to answer at once
        FileStat s = fid.tree.stat(fid.node());
        return reply(P9.TGETATTR, tag, 160).u64(P9.GETATTR_BASIC | P9.GETATTR_BTIME).qid(fid.tree.qid(s))
                .u32(s.mode()).u32(s.uid()).u32(s.gid()).u64(s.nlink()).u64(s.rdev()).u64(s.size())
                .u64(s.blksize()).u64(s.blocks())
                .u64(s.atimeSec()).u64(s.atimeNsec()).u64(s.mtimeSec()).u64(s.mtimeNsec())
                .u64(s.ctimeSec()).u64(s.ctimeNsec()).u64(s.btimeSec()).u64(s.btimeNsec())
                .u64(0).u64(0).finish();
    }

    private ByteBuffer setattr(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        ShareTree.Attributes change = new ShareTree.Attributes(in.u32(), in.u32(), in.u32(), in.u32(), in.u64(),
                in.u64(), in.u64(), in.u64(), in.u64());
        fid.tree.setattr(fid.node(), change);
        return reply(P9.TSETATTR, tag, 0).finish();
    }

    private ByteBuffer statfs(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        ShareTree.StatFs s = fid.tree.statfs(fid.node());
        return reply(P9.TSTATFS, tag, 60).u32((int) s.type()).u32((int) s.bsize()).u64(s.blocks()).u64(s.bfree())
                .u64(s.bavail()).u64(s.files()).u64(s.ffree()).u64(s.fsid()).u32((int) s.namelen()).finish();
    }

    private ByteBuffer lopen(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        int flags = in.u32();
        if (fid.open() != null) {
            throw new P9Error(Errno.EBADF, "fid is open already");
        }
        OpenFile file = fid.tree.open(fid.node(), flags);
        if (!fid.opened(file)) {
            file.close();
            throw new P9Error(Errno.EBADF, "fid is open already");
        }
        return reply(P9.TLOPEN, tag, Qid.SIZE + 4).qid(fid.tree.qid(fid.tree.stat(fid.node())))
                .u32(iounit()).finish();
    }

    private ByteBuffer lcreate(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        String name = in.string();
        int flags = in.u32();
        int mode = in.u32();
        int gid = in.u32();
        if (fid.open() != null) {
            throw new P9Error(Errno.EBADF, "fid is open already");
        }
        ShareTree.Created created = fid.tree.create(fid.node(), name, flags, mode, fid.uid, gid);
        fid.becomes(created.node(), created.file());
        return reply(P9.TLCREATE, tag, Qid.SIZE + 4).qid(fid.tree.qid(fid.tree.stat(created.node())))
                .u32(iounit()).finish();
    }

    private ByteBuffer read(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        long offset = in.u64();
        int count = Math.min(in.u32() & Integer.MAX_VALUE, msize - IO_HEADER);
        byte[] data;
        byte[] xattr = fid.xattrValue();
        if (xattr != null) {
            int from = (int) Math.min(Math.max(offset, 0), xattr.length);
            data = java.util.Arrays.copyOfRange(xattr, from, Math.min(xattr.length, from + count));
        } else {
            data = opened(fid).read(offset, count);
        }
        return reply(P9.TREAD, tag, 4 + data.length).u32(data.length).bytes(ByteBuffer.wrap(data)).finish();
    }

    private ByteBuffer write(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        long offset = in.u64();
        int count = in.u32();
        ByteBuffer data = in.bytes(count);
        Fid.XattrWrite xattr = fid.xattrWrite();
        int written;
        if (xattr != null) {
            if (offset != xattr.value().size() || xattr.value().size() + count > xattr.size()) {
                throw new P9Error(Errno.EINVAL, "an extended attribute written out of order or past its size");
            }
            byte[] bytes = new byte[count];
            data.get(bytes);
            xattr.value().writeBytes(bytes);
            written = count;
        } else {
            written = opened(fid).write(offset, data);
        }
        return reply(P9.TWRITE, tag, 4).u32(written).finish();
    }

    /** Entries from the offset on, as many whole ones as fit: qid[13] offset[8] type[1] name[s]. */
    private ByteBuffer readdir(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        long offset = in.u64();
        int count = Math.min(in.u32() & Integer.MAX_VALUE, msize - IO_HEADER);
        MessageWriter out = reply(P9.TREADDIR, tag, 4 + count);
        int countAt = out.position();
        out.u32(0);
        int start = out.position();
        boolean atRoot = fid.node().path().isEmpty();
        opened(fid).readdir(offset, count, entry -> {
            if (atRoot && !fid.tree.share().reaches(entry.name()) && !entry.name().equals(".")
                    && !entry.name().equals("..")) {
                return true; // a file share lists its file only
            }
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            int size = Qid.SIZE + 8 + 1 + 2 + name.length;
            if (out.position() - start + size > count) {
                return false;
            }
            int qidType = entry.type() == 4 ? P9.QTDIR : entry.type() == 10 ? P9.QTSYMLINK : P9.QTFILE;
            out.qid(new Qid(qidType, 0, entry.ino())).u64(entry.offset()).u8(entry.type()).string(entry.name());
            return true;
        });
        out.u32At(countAt, out.position() - start);
        return out.finish();
    }

    private ByteBuffer fsync(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        boolean dataOnly = in.remaining() >= 4 && in.u32() != 0;
        opened(fid).fsync(dataOnly);
        return reply(P9.TFSYNC, tag, 0).finish();
    }

    private ByteBuffer mkdir(int tag, MessageReader in) {
        Fid dir = fids.get(in.u32());
        String name = in.string();
        int mode = in.u32();
        int gid = in.u32();
        Node made = dir.tree.mkdir(dir.node(), name, mode, dir.uid, gid);
        return qidReply(P9.TMKDIR, tag, dir.tree, made);
    }

    private ByteBuffer symlink(int tag, MessageReader in) {
        Fid dir = fids.get(in.u32());
        String name = in.string();
        String target = in.string();
        int gid = in.u32();
        Node made = dir.tree.symlink(dir.node(), name, target, dir.uid, gid);
        return qidReply(P9.TSYMLINK, tag, dir.tree, made);
    }

    private ByteBuffer mknod(int tag, MessageReader in) {
        Fid dir = fids.get(in.u32());
        String name = in.string();
        int mode = in.u32();
        int major = in.u32();
        int minor = in.u32();
        int gid = in.u32();
        Node made = dir.tree.mknod(dir.node(), name, mode, major, minor, dir.uid, gid);
        return qidReply(P9.TMKNOD, tag, dir.tree, made);
    }

    private ByteBuffer qidReply(int type, int tag, ShareTree tree, Node made) {
        try {
            return reply(type, tag, Qid.SIZE).qid(tree.qid(tree.stat(made))).finish();
        } finally {
            made.close();
        }
    }

    private ByteBuffer link(int tag, MessageReader in) {
        Fid dir = fids.get(in.u32());
        Fid target = fids.get(in.u32());
        String name = in.string();
        sameShare(dir, target);
        dir.tree.link(dir.node(), target.node(), name);
        return reply(P9.TLINK, tag, 0).finish();
    }

    private ByteBuffer readlink(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        String target = fid.tree.readlink(fid.node());
        return reply(P9.TREADLINK, tag, 2 + target.getBytes(StandardCharsets.UTF_8).length).string(target).finish();
    }

    private ByteBuffer rename(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        Fid dir = fids.get(in.u32());
        String name = in.string();
        sameShare(fid, dir);
        fid.tree.rename(fid.node(), dir.node(), name);
        return reply(P9.TRENAME, tag, 0).finish();
    }

    private ByteBuffer renameat(int tag, MessageReader in) {
        Fid oldDir = fids.get(in.u32());
        String oldName = in.string();
        Fid newDir = fids.get(in.u32());
        String newName = in.string();
        sameShare(oldDir, newDir);
        oldDir.tree.renameat(oldDir.node(), oldName, newDir.node(), newName);
        return reply(P9.TRENAMEAT, tag, 0).finish();
    }

    private ByteBuffer unlinkat(int tag, MessageReader in) {
        Fid dir = fids.get(in.u32());
        String name = in.string();
        int flags = in.u32();
        dir.tree.unlinkat(dir.node(), name, flags);
        return reply(P9.TUNLINKAT, tag, 0).finish();
    }

    /** Tremove: the file goes and the fid with it, whether or not the removal worked. */
    private ByteBuffer remove(int tag, MessageReader in) {
        Fid fid = fids.remove(in.u32());
        try {
            fid.tree.remove(fid.node());
        } finally {
            fid.close();
        }
        return reply(P9.TREMOVE, tag, 0).finish();
    }

    /** Tclunk: the fid goes; an attribute Txattrcreate began is set now, its failure answered. */
    private ByteBuffer clunk(int tag, MessageReader in) {
        Fid fid = fids.remove(in.u32());
        try {
            Fid.XattrWrite xattr = fid.xattrWrite();
            if (xattr != null) {
                if (xattr.value().size() != xattr.size()) {
                    throw new P9Error(Errno.EINVAL, "extended attribute " + xattr.name() + " not written whole");
                }
                new Xattrs(fid.tree.share()).set(fid.node(), xattr.name(), xattr.value().toByteArray(), xattr.flags());
            }
        } finally {
            fid.close();
        }
        return reply(P9.TCLUNK, tag, 0).finish();
    }

    private ByteBuffer xattrwalk(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        int newfid = in.u32();
        String name = in.string();
        byte[] value = new Xattrs(fid.tree.share()).get(fid.node(), name);
        Fid reader = new Fid(fid.uid, fid.tree, fid.tree.copy(fid.node()));
        reader.readsXattr(value);
        fids.add(newfid, reader);
        return reply(P9.TXATTRWALK, tag, 8).u64(value.length).finish();
    }

    private ByteBuffer xattrcreate(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        String name = in.string();
        long size = in.u64();
        int flags = in.u32();
        Xattrs.checkSize(size);
        fid.writesXattr(new Fid.XattrWrite(name, (int) size, flags, new ByteArrayOutputStream((int) size)));
        return reply(P9.TXATTRCREATE, tag, 0).finish();
    }

    private ByteBuffer lock(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        int type = in.u8();
        in.u32(); // flags: a blocking lock is retried by the client while we answer BLOCKED
        long start = in.u64();
        long length = in.u64();
        int status = opened(fid).lock(type, start, length);
        return reply(P9.TLOCK, tag, 1).u8(status).finish();
    }

    private ByteBuffer getlock(int tag, MessageReader in) {
        Fid fid = fids.get(in.u32());
        int type = in.u8();
        long start = in.u64();
        long length = in.u64();
        int procId = in.u32();
        String clientId = in.string();
        OpenFile.Conflict conflict = opened(fid).getlock(type, start, length);
        boolean none = conflict.type() == P9.LOCK_UNLCK;
        return reply(P9.TGETLOCK, tag, 1 + 8 + 8 + 4 + 2 + clientId.length() * 3)
                .u8(conflict.type()).u64(none ? start : conflict.start()).u64(none ? length : conflict.length())
                .u32(none ? procId : conflict.pid()).string(none ? clientId : "").finish();
    }

    private static OpenFile opened(Fid fid) {
        OpenFile file = fid.open();
        if (file == null) {
            throw new P9Error(Errno.EBADF, "fid is not open");
        }
        return file;
    }

    private static void sameShare(Fid a, Fid b) {
        if (a.tree != b.tree) {
            throw new P9Error(Errno.EXDEV, "two shares");
        }
    }

    private int iounit() {
        return msize - 24;
    }

    private static MessageWriter reply(int requestType, int tag, int bodySize) {
        return new MessageWriter(P9.HEADER + bodySize, requestType + 1, tag);
    }
}
