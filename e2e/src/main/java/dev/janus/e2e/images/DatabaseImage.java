package dev.janus.e2e.images;

import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.Compression;
import dev.janus.images.testing.ImageBuilder;
import dev.janus.images.testing.LayerBuilder;
import dev.janus.images.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An image with Debian's PostgreSQL and SQLite, built from what {@code apt-get install
 * postgresql-15 sqlite3} put on this host (bin/setup does): busybox, the server and its tools,
 * their data files and time zones, the libraries they load, and the host's {@code postgres}
 * user, so a data directory made in a pod opens on the host under the same owner.
 */
public final class DatabaseImage {

    /** The PostgreSQL installed here: its major version directory and the owner of its data. */
    public record Postgres(Path lib, Path share, int uid, int gid) {

        public Path bin(String program) {
            return lib.resolve("bin").resolve(program);
        }
    }

    private DatabaseImage() {
    }

    /** The host's PostgreSQL, or why there is none to build from. */
    public static Optional<Postgres> hostPostgres() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        Optional<Path> lib;
        try (Stream<Path> versions = Files.list(root)) {
            lib = versions.filter(v -> Files.isExecutable(v.resolve("bin/postgres"))
                    && Files.isExecutable(v.resolve("bin/pgbench"))).max(Path::compareTo);
        }
        Optional<String> user = Files.readAllLines(Path.of("/etc/passwd")).stream()
                .filter(l -> l.startsWith("postgres:")).findFirst();
        if (lib.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        String[] fields = user.get().split(":");
        Path share = Path.of("/usr/share/postgresql").resolve(lib.get().getFileName());
        return Optional.of(new Postgres(lib.get(), share, Integer.parseInt(fields[2]), Integer.parseInt(fields[3])));
    }

    public static boolean hostHasSqlite() {
        return Files.isExecutable(Path.of("/usr/bin/sqlite3"));
    }

    public static BuiltImage build(Path dir, Postgres postgres) {
        HostFilesLayer programs = new HostFilesLayer()
                // the JIT needs LLVM (100 MB more); the server runs without it
                .tree(postgres.lib(), p -> p.getFileName().toString().startsWith("llvmjit")
                        || p.getFileName().toString().equals("bitcode"))
                .tree(postgres.share())
                .tree(Path.of("/usr/share/zoneinfo"));
        if (hostHasSqlite()) {
            programs.tree(Path.of("/usr/bin/sqlite3"));
        }
        String passwd = "root:x:0:0:root:/root:/bin/sh\n"
                + "postgres:x:%d:%d:PostgreSQL:/var/lib/postgresql:/bin/sh\n".formatted(postgres.uid(), postgres.gid())
                + "nobody:x:65534:65534:nobody:/:/bin/false\n";
        String group = "root:x:0:\npostgres:x:%d:\nnogroup:x:65534:\n".formatted(postgres.gid());
        var users = LayerBuilder.create(dir, Compression.GZIP)
                .dir("etc").file("etc/passwd", passwd).file("etc/group", group)
                .dir("var").dir("var/lib").dir("var/lib/postgresql", 0755, postgres.uid(), postgres.gid())
                .build();
        return ImageBuilder.docker().layer(TestImages.busyboxLayer(dir, Compression.GZIP))
                .layer(programs.build(dir)).layer(users)
                .env("PATH=" + postgres.lib().resolve("bin") + ":/usr/bin:/bin", "TZ=UTC", "LANG=C")
                .cmd("sh").build();
    }
}
