package dev.janus.isolation.uvm.vm.qemu;

/** How QEMU runs the guest's instructions. */
public enum Accel {
    /** Hardware virtualization through /dev/kvm. */
    KVM("kvm", "host"),
    /** Software emulation: slow, but works wherever QEMU does. */
    TCG("tcg", "max");

    private final String name;
    private final String cpu;

    Accel(String name, String cpu) {
        this.name = name;
        this.cpu = cpu;
    }

    /** The value of {@code -accel}. */
    public String qemuName() {
        return name;
    }

    /** The {@code -cpu} model that gives the guest the most this accelerator can. */
    public String cpuModel() {
        return cpu;
    }
}
