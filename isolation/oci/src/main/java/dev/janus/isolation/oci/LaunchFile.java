package dev.janus.isolation.oci;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** A container's monitor arguments kept in its bundle between CreateContainer and StartContainer. */
final class LaunchFile {

    private LaunchFile() {
    }

    static void write(Path file, ConmonLauncher.Launch launch) throws IOException {
        Properties p = new Properties();
        p.setProperty("id", launch.id());
        p.setProperty("name", launch.name());
        p.setProperty("bundle", launch.bundle().toString());
        p.setProperty("logPath", launch.logPath() == null ? "" : launch.logPath().toString());
        p.setProperty("terminal", Boolean.toString(launch.terminal()));
        p.setProperty("stdin", Boolean.toString(launch.stdin()));
        p.setProperty("stdinOnce", Boolean.toString(launch.stdinOnce()));
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "conmon launch of " + launch.id());
        }
    }

    static ConmonLauncher.Launch read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        String log = p.getProperty("logPath", "");
        return new ConmonLauncher.Launch(p.getProperty("id"), p.getProperty("name"), Path.of(p.getProperty("bundle")),
                log.isEmpty() ? null : Path.of(log), Boolean.parseBoolean(p.getProperty("terminal")),
                Boolean.parseBoolean(p.getProperty("stdin")), Boolean.parseBoolean(p.getProperty("stdinOnce")));
    }
}
