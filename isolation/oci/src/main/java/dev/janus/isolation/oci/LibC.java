package dev.janus.isolation.oci;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The libc calls the JDK lacks; the only class of this backend that touches JNA. */
interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    long MS_NOSUID = 0x2;
    long MS_NODEV = 0x4;
    long MS_NOEXEC = 0x8;
    int MNT_DETACH = 0x2;

    int mount(String source, String target, String filesystemType, long flags, String data);

    int umount2(String target, int flags);
}
