package dev.janus.e2e.bench;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ExecSyncRequest;
import dev.janus.cri.api.ExecSyncResponse;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.Int64Value;
import dev.janus.cri.api.LinuxContainerConfig;
import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.Mount;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import dev.janus.e2e.CriClient;
import dev.janus.e2e.UvmImage;
import dev.janus.e2e.images.DatabaseImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A linux-vm pod's volume (a host directory served by janus-9p) against the VM's own scratch
 * disk (the container's writable layer in the guest), in one pod: sequential write and read,
 * small-file create, stat and unlink rates (e2e/src/main/resources/fs/fsbench.c), and pgbench
 * TPS of Debian's PostgreSQL with its data directory on each. Prints each pair and the ratio.
 * Run as root: {@code e2e/bench/volume.sh [PGBENCH_SECONDS [MIB [FILES]]]}.
 */
public final class VolumeBenchmark {

    private static final String CONFIG = """
            runtimes:
              linux-vm: {backend: uvm}
            """;
    /** The anchor from the issue: what Windows' Plan 9 share for LCOW wrote. */
    private static final double LCOW_PLAN9_WRITE_MBS = 40;
    private static final Pattern LINE = Pattern.compile("^(.+): ([0-9.]+) (.+)$", Pattern.MULTILINE);

    private final BenchJanusd bench;
    private final DatabaseImage.Postgres postgres;
    private final String image;

    private VolumeBenchmark(BenchJanusd bench, DatabaseImage.Postgres postgres, String image) {
        this.bench = bench;
        this.postgres = postgres;
        this.image = image;
    }

    public static void main(String[] args) throws Exception {
        Path top = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int pgbenchSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int mib = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int files = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        Optional<String> problem = UvmImage.build(top);
        Optional<DatabaseImage.Postgres> postgres = DatabaseImage.hostPostgres();
        if (problem.isPresent() || postgres.isEmpty()) {
            System.err.println(problem.orElse("needs Debian's postgresql-15 (bin/setup installs it)"));
            System.exit(2);
        }
        try (BenchJanusd bench = BenchJanusd.start(top, "volbench", CONFIG, "jvolbench0", "10.215.34.0/24")) {
            Files.setPosixFilePermissions(bench.work, PosixFilePermissions.fromString("rwx--x--x"));
            String image = bench.push("bench/databases", DatabaseImage.build(bench.work.resolve("db-image"),
                    postgres.get()));
            new VolumeBenchmark(bench, postgres.get(), image).run(pgbenchSeconds, mib, files);
        }
    }

    private void run(int pgbenchSeconds, int mib, int files) throws Exception {
        Path bin = Files.createDirectories(bench.work.resolve("fsbench"));
        compileFsbench(bin);
        Path volume = Files.createDirectories(bench.work.resolve("volume"));
        chownToPostgres(volume);
        try (CriClient cri = new CriClient(bench.janusd.socket())) {
            cri.images().pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(image)).build());
            PodSandboxConfig pod = BenchPods.pod("volume-bench", bench.work);
            String podId = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod)
                    .setRuntimeHandler("linux-vm").build()).getPodSandboxId();
            try {
                ContainerConfig config = BenchPods.container("bench", image, List.of("sleep", "100000")).toBuilder()
                        .addMounts(Mount.newBuilder().setContainerPath("/fsbench").setHostPath(bin.toString())
                                .setReadonly(true))
                        .addMounts(Mount.newBuilder().setContainerPath("/vol").setHostPath(volume.toString()))
                        .setLinux(LinuxContainerConfig.newBuilder().setSecurityContext(LinuxContainerSecurityContext
                                .newBuilder().setRunAsUser(Int64Value.newBuilder().setValue(postgres.uid()))
                                .setRunAsGroup(Int64Value.newBuilder().setValue(postgres.gid()))))
                        .build();
                String id = cri.runtime().createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(podId)
                        .setSandboxConfig(pod).setConfig(config).build()).getContainerId();
                cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());

                Map<String, double[]> results = new LinkedHashMap<>();
                record(results, 0, exec(cri, id, 1800, "/fsbench/fsbench", "/vol", String.valueOf(mib),
                        String.valueOf(files)));
                record(results, 1, exec(cri, id, 1800, "/fsbench/fsbench", "/var/lib/postgresql", String.valueOf(mib),
                        String.valueOf(files)));
                results.put("pgbench (scale 1, 4 clients)", new double[] {
                        pgbench(cri, id, "/vol/data", pgbenchSeconds),
                        pgbench(cri, id, "/var/lib/postgresql/data", pgbenchSeconds)});
                print(results, mib, files, pgbenchSeconds);
            } finally {
                cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
                cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
            }
        }
    }

    /** initdb, start, pgbench -i, pgbench -T seconds, stop; the run's TPS. */
    private double pgbench(CriClient cri, String id, String data, int seconds) {
        exec(cri, id, 900, "initdb", "-D", data, "--no-locale", "-E", "UTF8", "-A", "trust");
        exec(cri, id, 300, "pg_ctl", "-D", data, "-l", data + ".log", "-w", "-t", "240", "-o",
                "-k /tmp -c listen_addresses= -c shared_buffers=32MB -c max_connections=20", "start");
        try {
            exec(cri, id, 900, "pgbench", "-h", "/tmp", "-i", "-s", "1", "postgres");
            String report = exec(cri, id, seconds + 600L, "pgbench", "-h", "/tmp", "-c", "4", "-j", "2", "-T",
                    String.valueOf(seconds), "postgres");
            Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(report);
            if (!m.find() || !report.contains("number of failed transactions: 0")) {
                throw new IllegalStateException("pgbench on " + data + ":\n" + report);
            }
            return Double.parseDouble(m.group(1));
        } finally {
            exec(cri, id, 300, "pg_ctl", "-D", data, "-m", "fast", "-w", "stop");
        }
    }

    private static void record(Map<String, double[]> results, int column, String output) {
        Matcher m = LINE.matcher(output);
        while (m.find()) {
            String name = m.group(1) + " (" + m.group(3) + ")";
            results.computeIfAbsent(name, k -> new double[2])[column] = Double.parseDouble(m.group(2));
        }
    }

    private static void print(Map<String, double[]> results, int mib, int files, int seconds) {
        System.out.printf("%nlinux-vm pod: a 9P volume (janus-9p) against the VM's scratch disk; %d MiB sequential,"
                + " %d small files, pgbench %d s%n", mib, files, seconds);
        System.out.printf("  %-34s %12s %12s %8s%n", "", "9P volume", "VM scratch", "ratio");
        results.forEach((name, v) -> System.out.printf("  %-34s %12.1f %12.1f %8.2f%n", name, v[0], v[1], v[0] / v[1]));
        System.out.printf("  sequential write against LCOW's Plan 9 share (~%.0f MB/s): %.2fx%n", LCOW_PLAN9_WRITE_MBS,
                results.get("sequential write (MB/s)")[0] / LCOW_PLAN9_WRITE_MBS);
    }

    private static String exec(CriClient cri, String id, long timeoutSeconds, String... cmd) {
        ExecSyncResponse r = cri.runtime().execSync(ExecSyncRequest.newBuilder().setContainerId(id)
                .addAllCmd(List.of(cmd)).setTimeout(timeoutSeconds).build());
        if (r.getExitCode() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + r.getExitCode() + ": "
                    + r.getStdout().toStringUtf8() + r.getStderr().toStringUtf8());
        }
        return r.getStdout().toStringUtf8();
    }

    private static void compileFsbench(Path bin) throws Exception {
        Path source = bin.resolve("fsbench.c");
        try (InputStream in = VolumeBenchmark.class.getResourceAsStream("/fs/fsbench.c")) {
            Files.copy(in, source);
        }
        Process gcc = new ProcessBuilder("gcc", "-static", "-O2", "-o", bin.resolve("fsbench").toString(),
                source.toString()).inheritIO().start();
        if (gcc.waitFor() != 0) {
            throw new IllegalStateException("gcc could not build fsbench (bin/setup installs gcc and libc6-dev)");
        }
    }

    private void chownToPostgres(Path dir) throws Exception {
        Process chown = new ProcessBuilder("chown", postgres.uid() + ":" + postgres.gid(), dir.toString())
                .inheritIO().start();
        if (chown.waitFor() != 0) {
            throw new IllegalStateException("chown " + dir);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
}
