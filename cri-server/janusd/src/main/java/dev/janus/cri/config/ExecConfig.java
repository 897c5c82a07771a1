package dev.janus.cri.config;

/** Limits of ExecSync: output beyond the cap is dropped so a chatty command cannot fill memory. */
public record ExecConfig(int maxOutputBytes) {

    public ExecConfig {
        maxOutputBytes = maxOutputBytes <= 0 ? 16 * 1024 * 1024 : maxOutputBytes;
    }

    public static ExecConfig defaults() {
        return new ExecConfig(0);
    }
}
