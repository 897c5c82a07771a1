package dev.janus.isolation.uvm.vm;

import dev.janus.cri.errors.CriException;

/** A VM host failure, in the one error taxonomy (the kind picks the gRPC code). */
public class VmException extends CriException {

    public VmException(Kind kind, String message) {
        super(kind, message);
    }

    public VmException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    public static VmException notFound(String vm, String what) {
        return new VmException(Kind.NOT_FOUND, "VM " + vm + " has no " + what);
    }

    public static VmException exists(String vm, String what) {
        return new VmException(Kind.ALREADY_EXISTS, "VM " + vm + " already has " + what);
    }

    public static VmException notRunning(String vm) {
        return new VmException(Kind.FAILED_PRECONDITION, "VM " + vm + " is not running");
    }

    public static VmException failed(String message, Throwable cause) {
        return new VmException(Kind.INTERNAL, message, cause);
    }
}
