package dev.janus.isolation.p9.server;

import dev.janus.isolation.p9.fs.Node;
import dev.janus.isolation.p9.fs.OpenFile;
import dev.janus.isolation.p9.fs.ShareTree;
import java.io.ByteArrayOutputStream;

/**
 * A fid: a node of the share as one guest user holds it, once opened the open file, or an
 * extended attribute being read (after Txattrwalk) or written (after Txattrcreate, set at clunk).
 */
final class Fid {

    final int uid;
    final ShareTree tree;
    private Node node;
    private OpenFile open;
    private byte[] xattrValue;
    private XattrWrite xattrWrite;

    Fid(int uid, ShareTree tree, Node node) {
        this.uid = uid;
        this.tree = tree;
        this.node = node;
    }

    synchronized Node node() {
        return node;
    }

    /** Tlcreate: the fid, a directory until now, becomes the file made in it. */
    synchronized void becomes(Node file, OpenFile opened) {
        node.close();
        node = file;
        open = opened;
    }

    /** An attribute Txattrcreate began: its bytes come by Twrite, it is set at Tclunk. */
    record XattrWrite(String name, int size, int flags, ByteArrayOutputStream value) {
    }

    synchronized OpenFile open() {
        return open;
    }

    synchronized void opened(OpenFile file) {
        open = file;
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

    synchronized void close() {
        if (open != null) {
            open.close();
            open = null;
        }
        node.close();
    }
}
