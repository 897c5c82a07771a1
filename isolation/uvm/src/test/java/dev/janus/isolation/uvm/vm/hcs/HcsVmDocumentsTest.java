package dev.janus.isolation.uvm.vm.hcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.janus.isolation.uvm.vm.ChannelSpec;
import dev.janus.isolation.uvm.vm.DiskAddress;
import dev.janus.isolation.uvm.vm.DiskSpec;
import dev.janus.isolation.uvm.vm.NicSpec;
import dev.janus.isolation.uvm.vm.VmConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden HCS documents for a table of pods. Run with {@code -Djanus.golden.update=true} to
 * rewrite the files after a deliberate change, then read the diff.
 */
class HcsVmDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Windows paths spelled out: on Linux Path.resolve would join them with '/'. */
    private static final String BOOT = "C:\\ProgramData\\janus\\uvm\\";
    private static final String DISKS = "C:\\ProgramData\\janus\\disks\\";
    /** Layer files are small unless their name says "big". */
    private static final ToLongFunction<Path> SIZES = p -> p.toString().contains("big") ? (6L << 30) : (64L << 20);

    private static VmConfig pod(String id, int mib, int vcpus) {
        return VmConfig.of(id, Path.of("C:\\ProgramData\\janus\\vm\\" + id), Path.of(BOOT + "vmlinuz"),
                Path.of(BOOT + "initrd.img"), mib, vcpus);
    }

    private static DiskSpec layer(String hex, String file) {
        return DiskSpec.layer("l-" + hex, Path.of(DISKS + file));
    }

    private static final List<DiskSpec> THREE_LAYERS_AND_SCRATCH = List.of(
            layer("1111111111111111", "sha256-1111.vhd"), layer("2222222222222222", "sha256-2222.vhd"),
            layer("3333333333333333", "sha256-3333.vhd"),
            DiskSpec.scratch("s-pod2", Path.of("C:\\ProgramData\\janus\\vm\\pod2\\scratch.vhd")));

    static Stream<Arguments> pods() {
        HcsOptions defaults = HcsOptions.defaults();
        return Stream.of(
                Arguments.of("minimal", pod("pod1", 512, 1), defaults),
                Arguments.of("layers-on-vpmem", pod("pod2", 1024, 2).withDisks(THREE_LAYERS_AND_SCRATCH)
                        .withNics(List.of(new NicSpec("0", "00:15:5d:52:c0:05", "8e1f4a3c-7b2d-4f8e-9a10-2b3c4d5e6f70")),
                                null), defaults),
                Arguments.of("layers-on-scsi", pod("pod2", 1024, 2).withDisks(THREE_LAYERS_AND_SCRATCH),
                        defaults.withVpmemDevices(0)),
                Arguments.of("big-layer-to-scsi", pod("pod3", 2048, 4).withDisks(List.of(
                        layer("4444444444444444", "sha256-big.vhd"), layer("5555555555555555", "sha256-5555.vhd"))),
                        defaults),
                Arguments.of("odd-memory-two-nics-9p-console", pod("pod4", 1023, 2)
                        .withNics(List.of(new NicSpec("0", "00-15-5D-52-C0-06", "ep-one"),
                                new NicSpec("1", "00:15:5d:52:c0:07", "ep-two")), null)
                        .withChannels(List.of(ChannelSpec.AGENT, ChannelSpec.named("janus.9p", 564)))
                        .withKernelArgs("janus.debug=1"),
                        new HcsOptions("janus-test", 16, 1L << 30, 2, true, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pods")
    void computeSystemMatchesGolden(String name, VmConfig config, HcsOptions options) throws IOException {
        JsonNode doc = HcsVmDocuments.computeSystem(config, options, new DiskPlacement(options, SIZES));
        assertGolden("hcs/" + name + ".json", doc);
    }

    static Stream<Arguments> modifications() {
        VmConfig config = pod("pod2", 1024, 2);
        DiskSpec layer = layer("1111111111111111", "sha256-1111.vhd");
        DiskSpec scratch = DiskSpec.scratch("s-c1", Path.of("C:\\ProgramData\\janus\\vm\\pod2\\c1.vhd"));
        NicSpec nic = new NicSpec("1", "00:15:5d:52:c0:08", "ep-three");
        return Stream.of(
                Arguments.of("add-layer-vpmem", HcsVmDocuments.addDisk(new DiskAddress.Pmem(3), layer)),
                Arguments.of("add-layer-scsi", HcsVmDocuments.addDisk(new DiskAddress.Scsi(1, 7), layer)),
                Arguments.of("add-scratch", HcsVmDocuments.addDisk(new DiskAddress.Scsi(0, 2), scratch)),
                Arguments.of("remove-vpmem", HcsVmDocuments.removeDisk(new DiskAddress.Pmem(3))),
                Arguments.of("remove-scsi", HcsVmDocuments.removeDisk(new DiskAddress.Scsi(0, 2))),
                Arguments.of("add-nic", HcsVmDocuments.addNic(config, nic)),
                Arguments.of("remove-nic", HcsVmDocuments.removeNic(config, "1")),
                Arguments.of("add-channel", HcsVmDocuments.addChannel(ChannelSpec.named("janus.9p", 564))),
                Arguments.of("remove-channel", HcsVmDocuments.removeChannel(ChannelSpec.named("janus.9p", 564))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modifications")
    void modifyRequestMatchesGolden(String name, JsonNode request) throws IOException {
        assertGolden("hcs/modify/" + name + ".json", request);
    }

    private static void assertGolden(String resource, JsonNode actual) throws IOException {
        String text = JSON.writeValueAsString(actual) + "\n";
        if (Boolean.getBoolean("janus.golden.update")) {
            Path file = Path.of("src/test/resources").resolve(resource);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return;
        }
        try (InputStream golden = HcsVmDocumentsTest.class.getResourceAsStream("/" + resource)) {
            if (golden == null) {
                throw new AssertionError("no golden file " + resource + "; run with -Djanus.golden.update=true");
            }
            assertEquals(new String(golden.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), text, resource);
        }
    }
}
