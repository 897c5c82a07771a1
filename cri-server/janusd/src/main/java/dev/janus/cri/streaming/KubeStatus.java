package dev.janus.cri.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * How an exec or attach ended, as a Kubernetes {@code metav1.Status} on the error stream.
 * Protocol v4 and later carry it as JSON, with the exit code as a cause that client-go turns
 * into the exit code kubectl returns; older protocols carry only a failure's message, as text.
 * Fields are written in the order Go marshals them.
 */
record KubeStatus(boolean success, String reason, String message, String causeReason, String causeMessage,
        int code) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static KubeStatus ok() {
        return new KubeStatus(true, "", "", "", "", 0);
    }

    /** The process exited with a code other than 0 (NonZeroExitCode, cause ExitCode). */
    static KubeStatus exitCode(int exitCode) {
        return new KubeStatus(false, "NonZeroExitCode",
                "command terminated with non-zero exit code: exit status " + exitCode,
                "ExitCode", Integer.toString(exitCode), 0);
    }

    /** The command could not run, or it is not known how it ended (InternalError, code 500). */
    static KubeStatus internalError(String error) {
        return new KubeStatus(false, "InternalError", "Internal error occurred: " + error, "", error, 500);
    }

    byte[] json() {
        ObjectNode status = JSON.createObjectNode();
        status.putObject("metadata");
        status.put("status", success ? "Success" : "Failure");
        if (!message.isEmpty()) {
            status.put("message", message);
        }
        if (!reason.isEmpty()) {
            status.put("reason", reason);
        }
        if (!causeMessage.isEmpty()) {
            ObjectNode cause = status.putObject("details").putArray("causes").addObject();
            if (!causeReason.isEmpty()) {
                cause.put("reason", causeReason);
            }
            cause.put("message", causeMessage);
        }
        if (code != 0) {
            status.put("code", code);
        }
        return status.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What protocols before v4 send: nothing on success, the message on failure. */
    byte[] text() {
        return success ? new byte[0] : message.getBytes(StandardCharsets.UTF_8);
    }
}
