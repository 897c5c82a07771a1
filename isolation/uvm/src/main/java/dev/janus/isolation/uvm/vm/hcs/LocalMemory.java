package dev.janus.isolation.uvm.vm.hcs;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** kernel32.dll's LocalFree: HCS result documents belong to the caller and are freed with it. */
interface LocalMemory extends Library {

    static LocalMemory load() {
        return Native.load("kernel32", LocalMemory.class);
    }

    Pointer LocalFree(Pointer memory);
}
