package dev.janus.isolation.uvm.vm.qemu;

/** How QEMU runs the guest's instructions. */
public enum Accel {
    /** Hardware virtualization through /dev/kvm. */
    KVM("kvm", "host"),
    /**
     * Software emulation: slow, but works wherever QEMU does. The plain x86-64 model, not
     * {@code max}: offered AVX2, glibc and the JVM take AVX2 paths that TCG runs through slow
     * helpers; on {@code qemu64} they take SSE2 paths it translates into host code (measured with
     * e2e/bench/exec-latency.sh: a crun exec in the guest about twice as fast).
     */
    TCG("tcg", "qemu64");

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

    /**
     * The {@code -accel} argument. TCG's translated-code cache defaults to 1 GiB and fills as the
     * guest runs new code: a boot and an agent left about 170 MiB of it resident per VM. 128 MiB
     * bounds that cost; a full cache is flushed and refilled, which a utility VM rarely needs.
     */
    public String accelOption() {
        return this == TCG ? "tcg,tb-size=" + TCG_CODE_CACHE_MIB : name;
    }

    public static final int TCG_CODE_CACHE_MIB = 128;

    /** The {@code -cpu} model that gives the guest the most this accelerator can. */
    public String cpuModel() {
        return cpu;
    }
}
