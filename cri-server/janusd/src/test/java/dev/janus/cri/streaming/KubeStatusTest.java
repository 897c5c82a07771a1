package dev.janus.cri.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The status JSON is what client-go decodes into the exit code kubectl returns. */
class KubeStatusTest {

    @Test
    void successIsTheBareStatusGoWrites() {
        assertEquals("{\"metadata\":{},\"status\":\"Success\"}", json(KubeStatus.ok()));
        assertEquals("", new String(KubeStatus.ok().text(), StandardCharsets.UTF_8));
    }

    @Test
    void aNonZeroExitCarriesTheCodeAsAnExitCodeCause() {
        assertEquals("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit"
                + " code: exit status 3\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":"
                + "\"ExitCode\",\"message\":\"3\"}]}}", json(KubeStatus.exitCode(3)));
    }

    @Test
    void anInternalErrorHasCode500AndTheMessageAsCause() {
        assertEquals("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"Internal error occurred: boom\","
                + "\"reason\":\"InternalError\",\"details\":{\"causes\":[{\"message\":\"boom\"}]},\"code\":500}",
                json(KubeStatus.internalError("boom")));
        assertEquals("Internal error occurred: boom",
                new String(KubeStatus.internalError("boom").text(), StandardCharsets.UTF_8));
    }

    private static String json(KubeStatus status) {
        return new String(status.json(), StandardCharsets.UTF_8);
    }
}
