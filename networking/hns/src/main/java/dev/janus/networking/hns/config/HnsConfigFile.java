package dev.janus.networking.hns.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code hns-network.json} from the conf dir janusd gives the pod network (the place CNI
 * keeps its net.d). No file means the defaults of {@link HnsNetworkConfig}. The file is read on
 * every look, so an edited file is used without restarting janusd.
 *
 * <pre>
 * {
 *   "name": "janus-l2",
 *   "type": "L2Bridge",
 *   "subnets": [{"prefix": "10.244.1.0/24", "gateway": "10.244.1.1"},
 *               {"prefix": "fd00:244:1::/64", "gateway": "fd00:244:1::1"}],
 *   "adapterName": "Ethernet",
 *   "clusterCidrs": ["10.244.0.0/16", "fd00:244::/48"],
 *   "serviceCidrs": ["10.96.0.0/12"]
 * }
 * </pre>
 */
public final class HnsConfigFile {

    public static final String FILE_NAME = "hns-network.json";

    /** Unknown fields fail: a misspelt "vsid" should not silently mean "no VSID". */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;

    public HnsConfigFile(Path confDir) {
        this.file = confDir == null ? null : confDir.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    /** The config, or FAILED_PRECONDITION saying what is wrong with the file. */
    public HnsNetworkConfig read() {
        if (file == null || !Files.exists(file)) {
            return HnsNetworkConfig.defaults();
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw CriException.precondition("cannot read %s: %s", file, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw CriException.precondition("%s is not a usable HNS network config: %s", file, e.getMessage());
        }
    }

    /** Jackson wraps the record's own complaints; unwrap them so the message says what is wrong. */
    static HnsNetworkConfig parse(String json) {
        try {
            return MAPPER.readValue(json, HnsNetworkConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException(message, e);
        }
    }
}
