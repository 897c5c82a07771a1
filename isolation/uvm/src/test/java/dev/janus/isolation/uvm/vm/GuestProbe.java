package dev.janus.isolation.uvm.vm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A stand-in guest agent for the integration tests, packed alone into a jar and booted as
 * /opt/janus/agent.jar. It answers one line per request on the virtio-serial port it is given:
 * {@code hello} with the guest's kernel release and boot id, {@code disks} with the serials of
 * the block devices, {@code net <cidr>} by addressing eth0 (answering with its MAC), {@code exit}
 * by leaving (and /init powers the VM off). It outlives host
 * disconnects, as the real agent must: the port reads as end-of-file while no host is there.
 */
public final class GuestProbe {

    private GuestProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("--channel")) {
            System.err.println("usage: --channel /dev/vportNpM");
            System.exit(2);
        }
        System.out.println("janus-probe: ready");
        try (FileChannel port = FileChannel.open(Path.of(args[1]), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            StringBuilder line = new StringBuilder();
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            while (true) {
                buffer.clear();
                // no host connected: virtio_console reports end of file; the host may come back
                if (port.read(buffer) <= 0) {
                    sleep();
                    continue;
                }
                for (byte b : java.util.Arrays.copyOf(buffer.array(), buffer.position())) {
                    if (b != '\n') {
                        line.append((char) b);
                        continue;
                    }
                    String reply = answer(line.toString().strip());
                    line.setLength(0);
                    if (reply == null) {
                        return;
                    }
                    port.write(ByteBuffer.wrap((reply + "\n").getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
    }

    private static String answer(String request) throws IOException {
        return switch (request) {
            case "hello" -> "hello from the guest " + read("/proc/sys/kernel/osrelease")
                    + " " + read("/proc/sys/kernel/random/boot_id");
            case "disks" -> "disks " + disks();
            case "exit" -> null;
            default -> request.startsWith("net ") ? "net " + configure(request.substring(4).strip())
                    : "unknown " + request;
        };
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gives the guest's first NIC an address with busybox ip: {@code net 10.99.0.5/24}. */
    private static String configure(String cidr) throws IOException {
        Process ip = new ProcessBuilder("/bin/sh", "-c", "ip link set eth0 up && ip addr add " + cidr
                + " dev eth0 && cat /sys/class/net/eth0/address").redirectErrorStream(true).start();
        String out = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            return ip.waitFor() == 0 ? out : "failed " + out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file)).strip();
    }

    /** {@code serial=device} for every block device with a serial, sorted. */
    private static String disks() throws IOException {
        TreeMap<String, String> serials = new TreeMap<>();
        try (Stream<Path> devices = Files.list(Path.of("/sys/block"))) {
            for (Path device : devices.toList()) {
                Path serial = device.resolve("serial");
                if (Files.isReadable(serial)) {
                    serials.put(Files.readString(serial).strip(), device.getFileName().toString());
                }
            }
        }
        StringBuilder text = new StringBuilder();
        serials.forEach((serial, name) -> text.append(serial).append('=').append(name).append(' '));
        return text.toString().strip();
    }
}
