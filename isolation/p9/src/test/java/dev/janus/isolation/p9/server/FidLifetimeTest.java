package dev.janus.isolation.p9.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.isolation.p9.fs.Node;
import dev.janus.isolation.p9.fs.Share;
import dev.janus.isolation.p9.fs.ShareTree;
import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.P9Error;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest may clunk a fid while another of its requests still works on it: the descriptor stays
 * open until that request is done, so it never works on a number that was closed and reused.
 */
class FidLifetimeTest {

    @TempDir
    Path dir;

    @Test
    void aFidClunkedWhileARequestUsesItClosesWhenThatRequestIsDone() throws Exception {
        try (Share share = Share.open("vol", dir, false, false)) {
            ShareTree tree = new ShareTree(share);
            FidTable table = new FidTable(16);
            table.add(1, new Fid(0, tree, share.rootNode()));

            Fid held = table.get(1);
            Node node = held.node();
            Thread clunk = Thread.ofVirtual().start(() -> {
                table.remove(1).close();
                table.doneWithAll();
            });
            clunk.join();
            tree.stat(node); // still open for the request that holds it
            assertEquals(Errno.EBADF, assertThrows(P9Error.class, () -> table.get(1)).errno(), "the fid is gone");

            table.doneWithAll();
            assertEquals(Errno.EBADF, assertThrows(P9Error.class, () -> tree.stat(node)).errno(),
                    "closed once the request let go");
        }
    }
}
