package dev.janus.e2e.streaming;

import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.e2e.JanusdFixture;

/**
 * A janusd with one pod, to try the streaming server by hand (crictl exec/attach/port-forward):
 * prints the endpoint and ids, then runs until killed. The pod has a plain container (sleep), a
 * terminal container with stdin (sh), one that prints a line a second, and an HTTP server on
 * port 8080.
 *
 * <pre>java -cp e2e/target/test-classes:e2e/target/classes:$(cat cp.txt) dev.janus.e2e.streaming.StreamingSandbox</pre>
 */
public final class StreamingSandbox {

    private StreamingSandbox() {
    }

    public static void main(String[] args) throws Exception {
        JanusdFixture fixture = StreamingPods.start("sandbox", 29, 60, 4 * 3600);
        StreamingPods pods = new StreamingPods(fixture);
        PodSandboxConfig pod = pods.pod("sandbox");
        String podId = pods.run(pod);
        String plain = pods.container(podId, pod, pods.config("plain", "sleep", "100000").build());
        String terminal = pods.container(podId, pod, pods.config("terminal", "sh").setTty(true).setStdin(true).build());
        String ticker = pods.container(podId, pod, pods.config("ticker", "sh", "-c",
                "i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done").build());
        String web = pods.container(podId, pod, pods.config("web", "sh", "-c",
                "mkdir -p /tmp/www && echo hello-from-the-pod > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www")
                .build());
        System.out.println("endpoint: unix://" + fixture.janusd().socket());
        System.out.println("janusd pid: " + fixture.janusd().pid() + ", log: " + fixture.janusd().log());
        System.out.println("pod: " + podId);
        System.out.println("plain: " + plain);
        System.out.println("terminal: " + terminal);
        System.out.println("ticker: " + ticker);
        System.out.println("web: " + web);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pods.close();
                fixture.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        Thread.sleep(Long.MAX_VALUE);
    }
}
