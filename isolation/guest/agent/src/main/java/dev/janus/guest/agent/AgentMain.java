package dev.janus.guest.agent;

import dev.janus.guest.agent.sys.ProcInfo;
import java.io.IOException;
import java.time.Duration;

/**
 * Entry point: {@code java -jar agent.jar --channel /dev/vport0p1} (see {@link AgentArgs}).
 * Exits 0 after SHUTDOWN, 1 if it cannot serve at all, 2 on a bad command line; the guest's init
 * powers the VM off when it does.
 */
public final class AgentMain {

    private AgentMain() {
    }

    private static void selfTest(Agent agent) {
        try {
            SelfTest.run(agent);
            Log.info("self-test passed: %s", StartupMetrics.now());
            System.exit(0);
        } catch (IOException | RuntimeException e) {
            Log.error("self-test failed", e);
            System.exit(1);
        }
    }

    public static void main(String[] argv) {
        AgentArgs args;
        try {
            args = AgentArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("janus-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        Log.info("janus guest agent %s on Linux %s, Java %s", Handshake.AGENT_VERSION, ProcInfo.kernelRelease(),
                Runtime.version());
        StartupMetrics[] startup = new StartupMetrics[1];
        Agent agent;
        try {
            agent = new Agent(args, () -> startup[0]);
        } catch (IOException | RuntimeException e) {
            Log.error("cannot start", e);
            System.exit(1);
            return;
        }
        startup[0] = StartupMetrics.now();
        Log.info("%s", startup[0]);
        if (args.selfTest()) {
            selfTest(agent);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM (init's power button) or exit after SHUTDOWN: stop what still runs
            if (!agent.isShutDown()) {
                agent.shutdown(Duration.ofSeconds(5));
            }
        }, "shutdown"));
        try {
            agent.serve();
        } catch (IOException | RuntimeException e) {
            Log.error("cannot serve the host", e);
            System.exit(1);
        }
    }
}
