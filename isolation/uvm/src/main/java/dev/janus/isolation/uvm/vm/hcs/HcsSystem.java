package dev.janus.isolation.uvm.vm.hcs;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One HCS compute system handle and the operation dance around every call: create an
 * operation, call, wait for its result document, close the operation, free the document. The
 * only class besides the DLL interfaces that touches JNA types. Never abandons a call in flight
 * (hcsshim saw access violations in computecore.dll from that): timeouts go through HCS.
 */
final class HcsSystem implements AutoCloseable {

    static final Duration CREATE_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(1);
    /** HCS_EVENT on 64-bit Windows: a 4-byte type, padding, then the EventData pointer. */
    private static final long EVENT_DATA_OFFSET = com.sun.jna.Native.POINTER_SIZE;

    private final ComputeCore hcs;
    private final LocalMemory memory;
    private final String id;
    private final Pointer handle;
    /** A strong reference for as long as HCS may call it. */
    private ComputeCore.EventCallback callback;

    private HcsSystem(ComputeCore hcs, LocalMemory memory, String id, Pointer handle) {
        this.hcs = hcs;
        this.memory = memory;
        this.id = id;
        this.handle = handle;
    }

    @FunctionalInterface
    private interface Call {
        int invoke(Pointer operation);
    }

    static HcsSystem create(ComputeCore hcs, LocalMemory memory, String id, String document) {
        PointerByReference system = new PointerByReference();
        waitFor(hcs, memory, "create", id, CREATE_TIMEOUT,
                op -> hcs.HcsCreateComputeSystem(new WString(id), new WString(document), op, null, system));
        return new HcsSystem(hcs, memory, id, system.getValue());
    }

    static Optional<HcsSystem> open(ComputeCore hcs, LocalMemory memory, String id) {
        PointerByReference system = new PointerByReference();
        int hr = hcs.HcsOpenComputeSystem(new WString(id), ComputeCore.GENERIC_ALL, system);
        if (HcsException.is(hr, HcsException.HCS_E_SYSTEM_NOT_FOUND)) {
            return Optional.empty();
        }
        if (hr < 0) {
            throw new HcsException("open", id, hr, null);
        }
        return Optional.of(new HcsSystem(hcs, memory, id, system.getValue()));
    }

    /** Registers for events (SystemExited...) before anything that waits on them. */
    void onEvent(BiConsumer<Integer, String> listener) {
        callback = (event, context) -> {
            Pointer data = event.getPointer(EVENT_DATA_OFFSET);
            listener.accept(event.getInt(0), data == null ? "" : data.getWideString(0));
        };
        int hr = hcs.HcsSetComputeSystemCallback(handle, 0, null, callback);
        if (hr < 0) {
            throw new HcsException("register callback for", id, hr, null);
        }
    }

    void start() {
        waitFor(hcs, memory, "start", id, CREATE_TIMEOUT, op -> hcs.HcsStartComputeSystem(handle, op, null));
    }

    /** Graceful: Hyper-V's shutdown integration service; completion is the SystemExited event. */
    void shutdown() {
        fireAndForget("shut down", op -> hcs.HcsShutDownComputeSystem(handle, op, null));
    }

    void terminate() {
        fireAndForget("terminate", op -> hcs.HcsTerminateComputeSystem(handle, op, null));
    }

    void modify(String request) {
        waitFor(hcs, memory, "modify", id, CALL_TIMEOUT,
                op -> hcs.HcsModifyComputeSystem(handle, op, new WString(request), null));
    }

    /** The properties document; {@code "{}"} gives the basic set, RuntimeId included. */
    String properties(String query) {
        return waitFor(hcs, memory, "query", id, CALL_TIMEOUT,
                op -> hcs.HcsGetComputeSystemProperties(handle, op, new WString(query)));
    }

    @Override
    public void close() {
        hcs.HcsCloseComputeSystem(handle);
    }

    /** Shutdown and terminate: HCS keeps running the operation after it is closed. */
    private void fireAndForget(String what, Call call) {
        Pointer op = hcs.HcsCreateOperation(null, null);
        try {
            int hr = call.invoke(op);
            if (hr < 0 && !HcsException.is(hr, HcsException.HCS_E_SYSTEM_ALREADY_STOPPED)
                    && !HcsException.is(hr, HcsException.HCS_E_SYSTEM_NOT_FOUND)
                    && !HcsException.is(hr, HcsException.HCS_E_OPERATION_PENDING)) {
                throw new HcsException(what, id, hr, null);
            }
        } finally {
            hcs.HcsCloseOperation(op);
        }
    }

    private static String waitFor(ComputeCore hcs, LocalMemory memory, String what, String id, Duration timeout,
            Call call) {
        Pointer op = hcs.HcsCreateOperation(null, null);
        if (op == null) {
            throw new HcsException("create an operation for " + what, id, 0x8007000E, null);
        }
        PointerByReference result = new PointerByReference();
        try {
            int hr = call.invoke(op);
            if (hr < 0) {
                hcs.HcsGetOperationResult(op, result);
                throw new HcsException(what, id, hr, take(memory, result));
            }
            hr = hcs.HcsWaitForOperationResult(op, (int) timeout.toMillis(), result);
            if (HcsException.is(hr, HcsException.HCS_E_OPERATION_TIMEOUT)) {
                hcs.HcsCancelOperation(op);
            }
            String document = take(memory, result);
            if (hr < 0) {
                throw new HcsException(what, id, hr, document);
            }
            return document;
        } finally {
            hcs.HcsCloseOperation(op);
        }
    }

    /** Reads a result document and frees it. */
    private static String take(LocalMemory memory, PointerByReference result) {
        Pointer document = result.getValue();
        if (document == null) {
            return "";
        }
        try {
            return document.getWideString(0);
        } finally {
            memory.LocalFree(document);
            result.setValue(null);
        }
    }
}
