package dev.janus.cri.streaming;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.Stdio;

/** The stream rules of ExecRequest and AttachRequest, worded as kubelet words them. */
final class StdioRules {

    private StdioRules() {
    }

    static void check(Stdio stdio) {
        if (stdio.tty() && stdio.stderr()) {
            throw CriException.invalid("tty and stderr cannot both be true");
        }
        if (!stdio.stdin() && !stdio.stdout() && !stdio.stderr()) {
            throw CriException.invalid("one of stdin, stdout, or stderr must be set");
        }
    }
}
