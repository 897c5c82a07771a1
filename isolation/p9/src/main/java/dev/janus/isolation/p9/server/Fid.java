package dev.janus.isolation.p9.server;

import dev.janus.isolation.p9.fs.Node;
import dev.janus.isolation.p9.fs.OpenFile;
import dev.janus.isolation.p9.fs.ShareTree;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A fid: a node of the share as one guest user holds it, once opened the open file, or an
 * extended attribute being read (after Txattrwalk) or written (after Txattrcreate, set at clunk).
 * Requests that use it hold it ({@link #use}); a clunk while one does closes its descriptors only
 * when the last lets go, so no request ever works on a descriptor number that was closed under it
 * (and perhaps already reused for another VM's file).
 */
final class Fid {

    final int uid;
    final ShareTree tree;
    private Node node;
    private OpenFile open;
    private byte[] xattrValue;
    private XattrWrite xattrWrite;
    private int users;
    private boolean closed;
    /** Nodes this fid held before a Tlcreate, closed once no request uses them. */
    private final List<Node> retired = new ArrayList<>();

    Fid(int uid, ShareTree tree, Node node) {
        this.uid = uid;
        this.tree = tree;
        this.node = node;
    }

    synchronized Node node() {
        return node;
    }

    /** A request starts using the fid; false once it is clunked. */
    synchronized boolean use() {
        if (closed) {
            return false;
        }
        users++;
        return true;
    }

    /** A request is done with it: the last one closes what is due. */
    synchronized void done() {
        if (--users > 0) {
            return;
        }
        retired.forEach(Node::close);
        retired.clear();
        if (closed) {
            closeNow();
        }
    }

    /** Tlcreate: the fid, a directory until now, becomes the file made in it. */
    synchronized void becomes(Node file, OpenFile opened) {
        retired.add(node);
        node = file;
        open = opened;
    }

    /** An attribute Txattrcreate began: its bytes come by Twrite, it is set at Tclunk. */
    record XattrWrite(String name, int size, int flags, ByteArrayOutputStream value) {
    }

    synchronized OpenFile open() {
        return open;
    }

    /** Tlopen: false if another request opened it first (the caller closes {@code file}). */
    synchronized boolean opened(OpenFile file) {
        if (open != null) {
            return false;
        }
        open = file;
        return true;
    }

    synchronized byte[] xattrValue() {
        return xattrValue;
    }

    synchronized void readsXattr(byte[] value) {
        xattrValue = value;
    }

    synchronized XattrWrite xattrWrite() {
        return xattrWrite;
    }

    synchronized void writesXattr(XattrWrite write) {
        xattrWrite = write;
    }

    /** Clunked (or the session ended): closed now, or when the last request using it is done. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (users == 0) {
            closeNow();
        }
    }

    private void closeNow() {
        if (open != null) {
            open.close();
            open = null;
        }
        retired.forEach(Node::close);
        retired.clear();
        node.close();
    }
}
