package dev.janus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerState;
import dev.janus.cri.api.ExecSyncResponse;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.Int64Value;
import dev.janus.cri.api.LinuxContainerConfig;
import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.Mount;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemoveContainerRequest;
import dev.janus.cri.api.StopContainerRequest;
import dev.janus.e2e.images.DatabaseImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Databases on host volumes of a VM pod, served by janus-9p: Debian's PostgreSQL makes its
 * cluster, takes a pgbench load and shuts down in the VM, and the host's PostgreSQL opens the
 * same data directory afterwards; SQLite writers in the VM and on the host update one database
 * at once without losing an update. The image is built here from the host's own packages.
 * {@code -Djanus.pgbench.seconds} sets the pgbench run (the 60 s is a by-hand run).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmDatabaseIT {

    private static final Duration START_WAIT = Duration.ofSeconds(240);
    private static final int PGBENCH_SECONDS = Integer.getInteger("janus.pgbench.seconds", 15);
    private static final int SQLITE_UPDATES = 300;

    private JanusdFixture fixture;
    private VmPods pods;
    private VmPods.Pod vm;
    private DatabaseImage.Postgres postgres;
    private String image;

    @BeforeAll
    void start() throws Exception {
        JanusdFixture.assumeHost();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64")), "needs qemu-system-x86");
        postgres = DatabaseImage.hostPostgres().orElse(null);
        Assumptions.assumeTrue(postgres != null && DatabaseImage.hostHasSqlite(),
                "needs Debian's postgresql-15 and sqlite3 (bin/setup installs them)");
        var problem = UvmImage.build(JanusdFixture.topOfCheckout());
        Assumptions.assumeTrue(problem.isEmpty(), () -> "no utility VM image: " + problem.orElse(""));
        fixture = JanusdFixture.start("vmdb", 32, List.of());
        // the host's postgres user reaches its data directory below the suite's directory
        Files.setPosixFilePermissions(fixture.dir(), PosixFilePermissions.fromString("rwx--x--x"));
        image = fixture.push("e2e/databases", DatabaseImage.build(fixture.dir().resolve("db-image"), postgres));
        pods = new VmPods(fixture);
        try (CriClient cri = fixture.client()) {
            cri.images().pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(image)).build());
        }
        vm = pods.run("db", VmPods.HANDLER);
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture == null) {
            return;
        }
        try {
            if (vm != null) {
                pods.remove(vm);
            }
        } finally {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void postgresRunsPgbenchOnAHostVolumeAndTheHostOpensItsDataAfterwards() throws Exception {
        Path volume = ownedByPostgres(fixture.dir().resolve("pg"));
        String server = pods.start(vm, postgresUser(Configs.container("postgres", image, "sh", "-c", """
                set -e
                initdb -D /var/lib/postgresql/data --no-locale -E UTF8 -A trust > /tmp/initdb.log 2>&1 \
                    || { cat /tmp/initdb.log; exit 1; }
                echo initdb: done
                exec postgres -D /var/lib/postgresql/data -k /tmp -c listen_addresses= \
                    -c shared_buffers=32MB -c max_connections=20
                """))
                .addMounts(Mount.newBuilder().setContainerPath("/var/lib/postgresql").setHostPath(volume.toString()))
                .build());
        List<String> log = pods.awaitLog(server, START_WAIT, lines -> lines.stream().anyMatch(l ->
                l.contains("database system is ready to accept connections") || l.contains("FATAL") || l.contains("error")));
        assertTrue(log.stream().anyMatch(l -> l.contains("ready to accept connections")), () -> String.join("\n", log));
        try (CriClient cri = fixture.client()) {
            ExecSyncResponse init = Checks.exec(cri, server, 600, "pgbench", "-h", "/tmp", "-i", "-s", "1", "postgres");
            assertEquals(0, init.getExitCode(), init.getStderr().toStringUtf8());
            ExecSyncResponse run = Checks.exec(cri, server, PGBENCH_SECONDS + 300L, "pgbench", "-h", "/tmp", "-c", "4",
                    "-j", "2", "-T", String.valueOf(PGBENCH_SECONDS), "postgres");
            String report = run.getStdout().toStringUtf8();
            assertEquals(0, run.getExitCode(), report + run.getStderr().toStringUtf8());
            assertTrue(report.contains("number of failed transactions: 0"), report);
            assertTrue(number(report, "number of transactions actually processed: (\\d+)") > 0, report);
            System.out.println("pgbench in a VM pod on a 9P volume:\n" + report);

            cri.runtime().stopContainer(StopContainerRequest.newBuilder().setContainerId(server).setTimeout(120).build());
            assertEquals(0, Checks.awaitState(cri, server, ContainerState.CONTAINER_EXITED).getExitCode(),
                    "PostgreSQL shut down cleanly");
            cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(server).build());
        }

        Path data = volume.resolve("data");
        assertTrue(asPostgres(postgres.bin("pg_controldata").toString(), data.toString())
                .contains("Database cluster state:               shut down"), "the VM left a cleanly shut-down cluster");
        Path sockets = ownedByPostgres(fixture.dir().resolve("pg-sockets"));
        Process host = new ProcessBuilder(asPostgresArgv(postgres.bin("postgres").toString(), "-D", data.toString(),
                "-k", sockets.toString(), "-c", "listen_addresses=", "-p", "55432"))
                .redirectErrorStream(true).redirectOutput(fixture.dir().resolve("host-postgres.log").toFile()).start();
        try {
            String count = "";
            for (int i = 0; i < 300 && !count.strip().equals("100000"); i++) {
                Thread.sleep(100);
                count = asPostgres(postgres.bin("psql").toString(), "-h", sockets.toString(), "-p", "55432",
                        "-U", "postgres", "-Atc", "select count(*) from pgbench_accounts", "postgres");
            }
            assertEquals("100000", count.strip(), () -> "the host's PostgreSQL reads the pod's tables: "
                    + read(fixture.dir().resolve("host-postgres.log")));
        } finally {
            host.destroy();
            host.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /**
     * One SQLite database on a host volume, written at once by the sqlite3 of a VM pod and the
     * host's: each transaction increments a counter and logs a row. SQLite's POSIX locks cross
     * the VM boundary, so no increment is lost and the file stays intact.
     */
    @Test
    @Order(2)
    void sqliteWritersInAVmAndOnTheHostShareOneDatabaseWithoutLosingAnUpdate() throws Exception {
        Path volume = Files.createDirectories(fixture.dir().resolve("sqlite"));
        Files.setPosixFilePermissions(volume, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path db = volume.resolve("shared.db");
        String created = Checks.run("sqlite3", db.toString(),
                "create table counter(n integer); insert into counter values (0); create table log(who text, i integer);");
        assertEquals("", created);
        Files.writeString(volume.resolve("vm.sql"), updates("vm"));
        Files.writeString(volume.resolve("host.sql"), updates("host"));
        String writer = pods.start(vm, Configs.container("sqlite", image, "sleep", "100000").toBuilder()
                .addMounts(Mount.newBuilder().setContainerPath("/db").setHostPath(volume.toString())).build());
        try (CriClient cri = fixture.client()) {
            var inVm = CompletableFuture.supplyAsync(() -> Checks.exec(cri, writer, 600, "sqlite3", "/db/shared.db",
                    ".timeout 60000", ".read /db/vm.sql"));
            String onHost = Checks.run("sqlite3", db.toString(), ".timeout 60000", ".read " + volume.resolve("host.sql"));
            ExecSyncResponse vmResult = inVm.join();
            assertEquals("", onHost, "the host's writer");
            assertEquals(0, vmResult.getExitCode(), vmResult.getStderr().toStringUtf8());
            String summary = "select n from counter; select count(*) from log where who='vm';"
                    + " select count(*) from log where who='host'; pragma integrity_check;";
            String expected = (2 * SQLITE_UPDATES) + "\n" + SQLITE_UPDATES + "\n" + SQLITE_UPDATES + "\nok\n";
            assertEquals(expected, Checks.run("sqlite3", db.toString(), summary), "read on the host");
            assertEquals(expected, Checks.exec(cri, writer, 120, "sqlite3", "/db/shared.db", summary).getStdout()
                    .toStringUtf8(), "read in the VM");
            cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(writer).build());
        }
    }

    /** Transactions that each read, increment and log: a lost lock shows as a short count. */
    private static String updates(String who) {
        return IntStream.rangeClosed(1, SQLITE_UPDATES)
                .mapToObj(i -> "begin immediate; update counter set n = n + 1; insert into log values ('%s', %d); commit;"
                        .formatted(who, i))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private ContainerConfig.Builder postgresUser(ContainerConfig config) {
        return config.toBuilder().setLinux(LinuxContainerConfig.newBuilder().setSecurityContext(
                LinuxContainerSecurityContext.newBuilder()
                        .setRunAsUser(Int64Value.newBuilder().setValue(postgres.uid()))
                        .setRunAsGroup(Int64Value.newBuilder().setValue(postgres.gid()))));
    }

    private Path ownedByPostgres(Path dir) throws Exception {
        Files.createDirectories(dir);
        assertEquals("", Checks.run("chown", postgres.uid() + ":" + postgres.gid(), dir.toString()));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    private List<String> asPostgresArgv(String... argv) {
        List<String> all = new java.util.ArrayList<>(List.of("setpriv", "--reuid=" + postgres.uid(),
                "--regid=" + postgres.gid(), "--clear-groups"));
        all.addAll(List.of(argv));
        return all;
    }

    private String asPostgres(String... argv) throws Exception {
        return Checks.run(asPostgresArgv(argv).toArray(String[]::new));
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
