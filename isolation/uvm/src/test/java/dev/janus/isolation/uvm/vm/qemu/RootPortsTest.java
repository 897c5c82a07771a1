package dev.janus.isolation.uvm.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.janus.isolation.uvm.vm.VmException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootPortsTest {

    @Test
    void coldDevicesTakeTheFirstPortsAndFreedPortsComeBack() {
        RootPorts ports = new RootPorts(3, List.of("vd-a", "nic-0"));
        assertEquals("rp2", ports.take("vd-b"));
        assertThrows(VmException.class, () -> ports.take("vd-c"));
        ports.release("vd-a");
        assertEquals("rp0", ports.take("vd-c"));
    }

    @Test
    void reattachReadsWhichPortsHoldDevices() throws Exception {
        String queryPci = """
                [{"bus":0,"devices":[
                  {"slot":16,"function":0,"qdev_id":"rp0","pci_bridge":{"devices":[{"qdev_id":"vd-a"}]}},
                  {"slot":16,"function":1,"qdev_id":"rp1","pci_bridge":{"devices":[]}},
                  {"slot":16,"function":2,"qdev_id":"rp2","pci_bridge":{"devices":[{"qdev_id":"vd-hot"}]}},
                  {"slot":3,"function":0,"qdev_id":"vser0"}]}]
                """;
        RootPorts ports = new RootPorts(5, List.of("vd-a", "vd-removed-later"));
        ports.occupiedFrom(new ObjectMapper().readTree(queryPci));
        assertEquals(1, ports.freeCount(), "QEMU has three ports, whatever the options say now");
        assertEquals("rp1", ports.take("vd-new"));
    }
}
