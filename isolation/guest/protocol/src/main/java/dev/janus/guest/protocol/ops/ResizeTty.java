package dev.janus.guest.protocol.ops;

/** RESIZE_TTY (16): sets the terminal size of a container ({@code execId} empty) or exec. */
public interface ResizeTty {

    record Request(String containerId, String execId, int rows, int cols) {
    }

    record Reply() {
    }
}
