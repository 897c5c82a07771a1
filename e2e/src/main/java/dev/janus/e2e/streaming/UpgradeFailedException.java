package dev.janus.e2e.streaming;

import java.io.IOException;

/** The server answered the upgrade request with something other than 101 (404 for a bad token...). */
public final class UpgradeFailedException extends IOException {

    private final int status;

    UpgradeFailedException(int status, String body) {
        super("upgrade refused: HTTP " + status + ": " + body.trim());
        this.status = status;
    }

    public int status() {
        return status;
    }
}
