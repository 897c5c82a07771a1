package dev.janus.isolation.uvm.vm.hcs;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;

/**
 * computecore.dll, the HCS v2 API (Windows 10 1809 / Server 2019 and later): every export
 * Janus calls, in one place. Handles are opaque pointers, strings UTF-16, results HRESULTs
 * (negative = failure). Result documents are freed with LocalFree ({@link LocalMemory}).
 * Loaded on first use, so that nothing on Linux touches it.
 */
interface ComputeCore extends Library {

    int INFINITE = 0xFFFFFFFF;
    int GENERIC_ALL = 0x10000000;

    int HCS_EVENT_SYSTEM_EXITED = 0x1;
    int HCS_EVENT_SERVICE_DISCONNECT = 0x02000000;

    /** {@code void CALLBACK cb(HCS_EVENT* event, void* context)}; HCS_EVENT = {Type; EventData; Operation}. */
    interface EventCallback extends Callback {
        void invoke(Pointer event, Pointer context);
    }

    static ComputeCore load() {
        return Native.load("computecore", ComputeCore.class);
    }

    Pointer HcsCreateOperation(Pointer context, Pointer callback);

    void HcsCloseOperation(Pointer operation);

    int HcsWaitForOperationResult(Pointer operation, int timeoutMs, PointerByReference resultDocument);

    int HcsGetOperationResult(Pointer operation, PointerByReference resultDocument);

    int HcsCancelOperation(Pointer operation);

    int HcsCreateComputeSystem(WString id, WString configuration, Pointer operation, Pointer securityDescriptor,
            PointerByReference computeSystem);

    int HcsOpenComputeSystem(WString id, int requestedAccess, PointerByReference computeSystem);

    void HcsCloseComputeSystem(Pointer computeSystem);

    int HcsStartComputeSystem(Pointer computeSystem, Pointer operation, WString options);

    int HcsShutDownComputeSystem(Pointer computeSystem, Pointer operation, WString options);

    int HcsTerminateComputeSystem(Pointer computeSystem, Pointer operation, WString options);

    int HcsModifyComputeSystem(Pointer computeSystem, Pointer operation, WString configuration, Pointer identity);

    int HcsGetComputeSystemProperties(Pointer computeSystem, Pointer operation, WString propertyQuery);

    int HcsEnumerateComputeSystems(WString query, Pointer operation);

    int HcsSetComputeSystemCallback(Pointer computeSystem, int callbackOptions, Pointer context,
            EventCallback callback);
}
