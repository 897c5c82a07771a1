package dev.janus.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The utility VM image bin/janusd points the linux-vm handler at ({@code deploy/target/uvm}),
 * built with the guest agent of this reactor by deploy/uvm/build-image.sh. The builder skips the
 * work when its inputs are unchanged, so suites and benchmarks call it every time.
 */
public final class UvmImage {

    private UvmImage() {
    }

    /** Builds (or finds up to date) the image: empty when it is there, else why it cannot be had. */
    public static Optional<String> build(Path top) throws IOException, InterruptedException {
        Path builder = top.resolve("deploy/uvm/build-image.sh");
        Path agent = top.resolve("isolation/guest/agent/target/janus-guest-agent.jar");
        if (!Files.isRegularFile(agent)) {
            return Optional.of("no guest agent jar at " + agent + ": build the reactor first (-am install)");
        }
        Process build = new ProcessBuilder(builder.toString(), "--agent", agent.toString())
                .redirectErrorStream(true).start();
        String log = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!build.waitFor(20, TimeUnit.MINUTES) || build.exitValue() != 0) {
            return Optional.of("the utility VM image did not build:\n" + log);
        }
        System.out.println(log.strip());
        return Optional.empty();
    }

    /** Where the image is, as bin/janusd tells janusd. */
    public static Path dir(Path top) {
        return top.resolve("deploy/target/uvm");
    }
}
