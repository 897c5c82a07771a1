package dev.janus.guest.agent.sys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds command lines for busybox applets, through the one binary the image ships (and that
 * tests find at the same path on the host), so guest and test run the same code.
 */
public record Busybox(Path binary) {

    public List<String> argv(String applet, String... args) {
        List<String> argv = new ArrayList<>(args.length + 2);
        argv.add(binary.toString());
        argv.add(applet);
        argv.addAll(List.of(args));
        return argv;
    }

    public List<String> argv(String applet, List<String> args) {
        return argv(applet, args.toArray(String[]::new));
    }
}
