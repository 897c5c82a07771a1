package dev.janus.e2e.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared libraries an ELF file loads, with the dynamic loader, as this host's ldd resolves them. */
final class SharedLibraries {

    /** "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)". */
    private static final Pattern LINE = Pattern.compile("^\\s*(?:\\S+ => )?(/\\S+) \\(0x[0-9a-f]+\\)$");

    private SharedLibraries() {
    }

    static List<Path> of(Path elf) {
        String out;
        try {
            Process ldd = new ProcessBuilder("ldd", elf.toString()).redirectErrorStream(true).start();
            out = new String(ldd.getInputStream().readAllBytes());
            ldd.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Path> libraries = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.contains("not found")) {
                throw new IllegalStateException(elf + " needs a library this host lacks: " + line.strip());
            }
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                libraries.add(Path.of(m.group(1)));
            }
        }
        return libraries;
    }
}
