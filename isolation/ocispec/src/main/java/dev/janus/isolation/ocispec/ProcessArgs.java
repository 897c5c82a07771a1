package dev.janus.isolation.ocispec;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ImageRuntimeConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's argv and working directory, by Kubernetes' rules: a command replaces the image's
 * ENTRYPOINT and CMD; args alone replace only CMD.
 */
final class ProcessArgs {

    private ProcessArgs() {
    }

    static List<String> argv(ContainerConfig config, ImageRuntimeConfig image) {
        List<String> command = config.getCommandList();
        List<String> args = config.getArgsList();
        if (command.isEmpty()) {
            if (args.isEmpty()) {
                args = image.cmd();
            }
            // An ENTRYPOINT of [""] is how an image says "no entrypoint" (docker's convention).
            List<String> entry = image.entrypoint();
            command = entry.size() == 1 && entry.get(0).isEmpty() ? List.of() : entry;
        }
        if (command.isEmpty() && args.isEmpty()) {
            throw CriException.invalid("no command: the container gives no command or args and the image "
                    + "has no ENTRYPOINT or CMD");
        }
        List<String> argv = new ArrayList<>(command);
        argv.addAll(args);
        if (argv.get(0).isEmpty()) {
            throw CriException.invalid("the command to run is an empty string");
        }
        return argv;
    }

    /** The container's working_dir, else the image's WORKDIR, else "/". */
    static String cwd(ContainerConfig config, ImageRuntimeConfig image) {
        String dir = config.getWorkingDir();
        if (!dir.isEmpty()) {
            if (!dir.startsWith("/")) {
                throw CriException.invalid("working_dir %s is not an absolute path", dir);
            }
            return dir;
        }
        dir = image.workingDir();
        if (dir.isEmpty()) {
            return "/";
        }
        // Old builders wrote relative WORKDIRs; docker reads them from the root.
        return dir.startsWith("/") ? dir : "/" + dir;
    }
}
