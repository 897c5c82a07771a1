package dev.janus.images.platform;

import dev.janus.images.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts about the machine janusd runs on: OS, OCI architecture and variant, and on Windows the
 * build number that process-isolated images must be compatible with.
 */
public record HostPlatform(String os, String architecture, String variant, int windowsBuild) {

    private static final Pattern VER_OUTPUT = Pattern.compile("\\[Version (\\d+)\\.(\\d+)\\.(\\d+)");

    private static volatile HostPlatform current;

    public static HostPlatform current() {
        HostPlatform host = current;
        if (host == null) {
            host = detect();
            current = host;
        }
        return host;
    }

    public boolean isWindows() {
        return os.equals("windows");
    }

    /** Linux images can be unpacked into overlayfs snapshots here; Windows layers cannot. */
    public boolean canUnpack(Platform image) {
        return !isWindows() && image.os().equals("linux");
    }

    /** Maps the JVM's {@code os.arch} to an OCI architecture. */
    public static String ociArchitecture(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "arm", "armv7l" -> "arm";
            case "x86", "i386", "i686" -> "386";
            default -> javaArch.toLowerCase(Locale.ROOT);
        };
    }

    private static HostPlatform detect() {
        String arch = ociArchitecture(System.getProperty("os.arch"));
        String variant = switch (arch) {
            case "arm64" -> "v8";
            case "arm" -> "v7";
            default -> "";
        };
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        return new HostPlatform(windows ? "windows" : "linux", arch, variant, windows ? detectWindowsBuild() : 0);
    }

    /** The JVM reports only "10.0" as os.version; {@code ver} prints the build. */
    private static int detectWindowsBuild() {
        try {
            Process ver = new ProcessBuilder("cmd", "/c", "ver").redirectErrorStream(true).start();
            String out = new String(ver.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ver.waitFor();
            Matcher m = VER_OUTPUT.matcher(out);
            return m.find() ? Integer.parseInt(m.group(3)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
