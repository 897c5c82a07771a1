package dev.janus.isolation.uvm.vm.hcs;

import dev.janus.isolation.uvm.vm.VmException;

/**
 * An HCS call failed: the operation, the system, the HRESULT and HCS's result document (its
 * ErrorEvents are the only useful diagnostics for most failures).
 */
final class HcsException extends VmException {

    static final int HCS_E_SYSTEM_NOT_FOUND = 0x8037010E;
    static final int HCS_E_SYSTEM_ALREADY_EXISTS = 0x8037010F;
    static final int HCS_E_SYSTEM_ALREADY_STOPPED = 0x80370110;
    static final int HCS_E_OPERATION_PENDING = 0x80370103;
    static final int HCS_E_OPERATION_TIMEOUT = 0x80370118;

    private final int hresult;

    HcsException(String operation, String system, int hresult, String resultDocument) {
        super(kindOf(hresult), operation + " " + system + " failed: HRESULT 0x" + Integer.toHexString(hresult)
                + (resultDocument == null || resultDocument.isBlank() ? "" : " " + resultDocument));
        this.hresult = hresult;
    }

    int hresult() {
        return hresult;
    }

    /** HCS_E_* (0x8037xxxx) and ERROR_VMCOMPUTE_* (0xC037xxxx) share their low 16 bits. */
    static boolean is(int hresult, int code) {
        return (hresult & 0xFFFF) == (code & 0xFFFF) && ((hresult >>> 16) & 0x0FFF) == 0x037;
    }

    private static Kind kindOf(int hresult) {
        if (is(hresult, HCS_E_SYSTEM_NOT_FOUND)) {
            return Kind.NOT_FOUND;
        }
        if (is(hresult, HCS_E_SYSTEM_ALREADY_EXISTS)) {
            return Kind.ALREADY_EXISTS;
        }
        if (is(hresult, HCS_E_OPERATION_TIMEOUT)) {
            return Kind.DEADLINE_EXCEEDED;
        }
        return Kind.INTERNAL;
    }
}
