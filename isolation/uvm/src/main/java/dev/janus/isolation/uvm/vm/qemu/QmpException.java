package dev.janus.isolation.uvm.vm.qemu;

import java.io.IOException;

/** QEMU refused a QMP command; {@code errorClass} is QMP's (GenericError, DeviceNotFound...). */
public final class QmpException extends IOException {

    private final String errorClass;

    public QmpException(String command, String errorClass, String description) {
        super("QMP " + command + " failed: " + errorClass + ": " + description);
        this.errorClass = errorClass;
    }

    public String errorClass() {
        return errorClass;
    }
}
