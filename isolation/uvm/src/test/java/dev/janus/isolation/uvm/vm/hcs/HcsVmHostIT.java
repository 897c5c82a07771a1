package dev.janus.isolation.uvm.vm.hcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.isolation.uvm.vm.Vm;
import dev.janus.isolation.uvm.vm.VmConfig;
import dev.janus.isolation.uvm.vm.VmExit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The real HCS calls: create, start, wait for the guest agent's hvsock connection, re-open by
 * id, stop. Windows with Hyper-V, as Administrator, with the image built by
 * deploy/uvm/build-image.sh copied to JANUS_UVM_DIR (vmlinuz, initrd.img).
 */
@EnabledOnOs(OS.WINDOWS)
class HcsVmHostIT {

    @Test
    void bootsConnectsAndStops() throws Exception {
        HcsVmHost host = new HcsVmHost(HcsOptions.defaults());
        assumeTrue(host.availability().available(), host.availability().cause());
        String dir = System.getenv("JANUS_UVM_DIR");
        assumeTrue(dir != null && Files.isRegularFile(Path.of(dir, "initrd.img")), "set JANUS_UVM_DIR");
        Path vmDir = Files.createTempDirectory("janus-hcs-it");
        VmConfig config = VmConfig.of("janus-it-" + ProcessHandle.current().pid(), vmDir,
                Path.of(dir, "vmlinuz"), Path.of(dir, "initrd.img"), 512, 1);
        Vm vm = host.create(config);
        try {
            vm.start();
            vm.agentReady().get(120, TimeUnit.SECONDS);
            System.out.println("HCS " + vm.timing());
            Vm again = new HcsVmHost(HcsOptions.defaults()).reattach(config).orElseThrow();
            assertEquals(vm.id(), again.id());
            again.close();
            VmExit exit = vm.stop(Duration.ofSeconds(30));
            assertTrue(vm.exit().isDone(), exit.toString());
        } finally {
            vm.kill();
            vm.close();
        }
    }
}
