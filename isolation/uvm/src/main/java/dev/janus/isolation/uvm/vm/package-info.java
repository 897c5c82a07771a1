/**
 * The VM host seam of the linux-vm handler: {@link dev.janus.isolation.uvm.vm.VmHost} creates,
 * starts, stops and re-attaches utility VMs; a {@link dev.janus.isolation.uvm.vm.Vm} hot-plugs
 * disks, NICs and channels, reports its exit and its boot steps. Implementations: {@code qemu}
 * (Linux, runs here) and {@code hcs} (Windows, Hyper-V through computecore.dll).
 *
 * <p>Contract with the guest image (deploy/uvm): the kernel command line carries
 * {@code janus.agent=<virtio-serial port name>} (QEMU) or {@code janus.vsock=<port>} (Hyper-V);
 * /init prints {@code janus-init: <step>} lines on ttyS0; disks are found by virtio-blk serial
 * (QEMU) or by the {@link dev.janus.isolation.uvm.vm.DiskAddress} the host reports (Hyper-V).
 * A virtio-serial port drops what the host sends before the guest opens it, and reads as
 * end-of-file in the guest while no host is connected: {@code openChannel} waits for the guest,
 * and the agent must keep its port open across host disconnects.
 */
package dev.janus.isolation.uvm.vm;
