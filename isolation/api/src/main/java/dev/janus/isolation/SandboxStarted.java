package dev.janus.isolation;

/** What the handler reports of a started sandbox: the pid that holds its namespaces. */
public record SandboxStarted(int pid) {
}
