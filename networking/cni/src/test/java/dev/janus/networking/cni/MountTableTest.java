package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {

    private static final List<String> MOUNTINFO = List.of(
            "22 27 0:21 / /proc rw,relatime - proc proc rw",
            "611 27 0:4 net:[4026532177] /var/lib/janus/netns/abc rw shared:1 - nsfs nsfs rw",
            "612 27 0:4 net:[4026532180] /var/lib/janus/net\\040ns/d\\134e rw - nsfs nsfs rw",
            "613 27 0:31 / /var/lib/janus/netns/tmp rw - tmpfs tmpfs rw");

    @Test
    void findsNamespaceMountsOnly() {
        assertTrue(MountTable.isNamespaceMount(MOUNTINFO, "/var/lib/janus/netns/abc"));
        assertFalse(MountTable.isNamespaceMount(MOUNTINFO, "/var/lib/janus/netns/tmp"));
        assertFalse(MountTable.isNamespaceMount(MOUNTINFO, "/var/lib/janus/netns/ab"));
    }

    @Test
    void octalEscapesAreDecoded() {
        assertEquals("/a b\\c", MountTable.unescape("/a\\040b\\134c"));
        assertTrue(MountTable.isNamespaceMount(MOUNTINFO, "/var/lib/janus/net ns/d\\e"));
        assertEquals("/x\\9", MountTable.unescape("/x\\9"));
    }
}
