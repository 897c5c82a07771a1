package dev.janus.cri.state;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The undo stack of a multi-step verb: each step that made something pushes how to take it
 * back; on failure the steps are undone newest first, and a failing undo does not stop the rest.
 */
public final class Undo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Undo.class);

    /** One step's undo action. */
    public interface Step {
        void run() throws Exception;
    }

    private final String what;
    private final Deque<Step> steps = new ArrayDeque<>();
    private boolean committed;

    public Undo(String what) {
        this.what = what;
    }

    public void push(Step step) {
        steps.push(step);
    }

    /** The verb succeeded: keep everything it made. */
    public void commit() {
        committed = true;
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (Exception e) {
                LOG.warn("undoing part of {} failed: {}", what, e.toString());
            }
        }
    }
}
