package dev.janus.isolation;

/** Whether the process (or VM) holding a sandbox runs. */
public enum SandboxState {
    RUNNING,
    STOPPED,
    /** The handler holds nothing under that id. */
    UNKNOWN
}
