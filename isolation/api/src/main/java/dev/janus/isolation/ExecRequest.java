package dev.janus.isolation;

import java.time.Duration;
import java.util.List;

/**
 * A command run to completion in a container, its output captured.
 *
 * @param timeout zero means no limit
 * @param maxOutputBytes bytes kept of stdout and of stderr each; the rest is dropped
 */
public record ExecRequest(List<String> command, Duration timeout, int maxOutputBytes) {
}
