package dev.janus.isolation.ocispec;

import static dev.janus.isolation.ocispec.Fixtures.container;
import static dev.janus.isolation.ocispec.Fixtures.inputs;
import static dev.janus.isolation.ocispec.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.Int64Value;
import dev.janus.cri.api.SupplementalGroupsPolicy;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ImageRuntimeConfig;
import dev.janus.isolation.ocispec.model.OciProcess.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** uid, gid and supplementary groups resolved from a temporary image rootfs. */
class UserSpecTest {

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            # a comment
            web:x:1000:1000::/home/web:/bin/sh
            broken-line
            app:x:2000:3000::/app:/bin/sh
            """;
    static final String GROUP = """
            root:x:0:
            web:x:1000:web
            staff:x:50000:web,other
            audio:x:29:app
            apps:x:3000:
            """;

    @TempDir
    Path dir;
    Path rootfs;

    @BeforeEach
    void writeRootfs() throws IOException {
        rootfs = Fixtures.rootfs(dir.resolve("rootfs"), PASSWD, GROUP);
    }

    static Stream<Arguments> imageUsers() {
        return Stream.of(
                // image USER -> uid, gid, additional gids (Merge, no CRI groups)
                Arguments.of("", 0L, 0L, List.of(0L)),
                Arguments.of("web", 1000L, 1000L, List.of(1000L, 50000L)),
                Arguments.of("1000", 1000L, 1000L, List.of(1000L, 50000L)),
                Arguments.of("4242", 4242L, 0L, List.of(0L)),
                Arguments.of("web:apps", 1000L, 3000L, List.of(3000L, 50000L)),
                Arguments.of("2000:29", 2000L, 29L, List.of(29L)),
                Arguments.of("app", 2000L, 3000L, List.of(29L, 3000L)));
    }

    @ParameterizedTest
    @MethodSource("imageUsers")
    void imageUserForms(String imageUser, long uid, long gid, List<Long> gids) {
        User u = build(container().build(), imageUser);
        assertEquals(uid, u.uid());
        assertEquals(gid, u.gid());
        assertEquals(gids, u.additionalGids());
    }

    @Test
    void mergeAddsImageGroupsToRequestedOnes() {
        // critest: `id -G` prints "1000 1234 50000" for image user 1000 in group 50000
        ContainerConfig cfg = container(sc -> sc.setRunAsUser(Int64Value.newBuilder().setValue(1000))
                .addSupplementalGroups(1234)).build();
        User u = build(cfg, "");
        assertEquals(1000, u.uid());
        assertEquals(1000, u.gid());
        assertEquals(List.of(1000L, 1234L, 50000L), u.additionalGids());
    }

    @Test
    void strictIgnoresTheImagesGroupFile() {
        ContainerConfig cfg = container(sc -> sc.setRunAsUser(Int64Value.newBuilder().setValue(1000))
                .addSupplementalGroups(1234)
                .setSupplementalGroupsPolicy(SupplementalGroupsPolicy.Strict)).build();
        assertEquals(List.of(1000L, 1234L), build(cfg, "").additionalGids());
    }

    @Test
    void criUserOverridesImageUserAndGroup() {
        ContainerConfig cfg = container(sc -> sc.setRunAsUsername("web")
                .setRunAsGroup(Int64Value.newBuilder().setValue(7))).build();
        User u = build(cfg, "app:apps");
        assertEquals(1000, u.uid());
        assertEquals(7, u.gid());
        assertTrue(u.additionalGids().containsAll(List.of(7L, 50000L)));
    }

    @Test
    void unknownOrMalformedUsersAreInvalid() {
        assertInvalid(container(sc -> sc.setRunAsUsername("nobody-here")).build(), "");
        assertInvalid(container().build(), "ghost");
        assertInvalid(container().build(), "web:ghosts");
        assertInvalid(container().build(), "a:b:c");
        assertInvalid(container().build(), "web:");
        assertInvalid(container(sc -> sc.setRunAsGroup(Int64Value.newBuilder().setValue(5))).build(), "");
        assertInvalid(container(sc -> sc.setRunAsUser(Int64Value.newBuilder().setValue(-1))).build(), "");
    }

    @Test
    void relativePasswdSymlinkStaysInTheRootfs() throws IOException {
        // ../../host-passwd from rootfs/etc would be the host's file; inside it is rootfs/host-passwd
        Files.writeString(dir.resolve("host-passwd"), "evil:x:0:0::/:/bin/sh\n");
        Files.writeString(rootfs.resolve("host-passwd"), "safe:x:77:77::/:/bin/sh\n");
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("../../host-passwd"));
        assertEquals(77, build(container().build(), "safe").uid());
        assertInvalid(container().build(), "evil");
    }

    @Test
    void absolutePasswdSymlinkStaysInTheRootfs() throws IOException {
        Path hostFile = Files.writeString(dir.resolve("host-passwd"), "evil:x:0:0::/:/bin/sh\n");
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), hostFile.toAbsolutePath());
        assertInvalid(container().build(), "evil");
        // a numeric user needs no entry: it still works, with gid 0
        assertEquals(0, build(container().build(), "5").gid());
    }

    @Test
    void symlinkLoopIsAnError() throws IOException {
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/etc/passwd"));
        assertInvalid(container().build(), "web");
    }

    private User build(ContainerConfig cfg, String imageUser) {
        ImageRuntimeConfig image = new ImageRuntimeConfig(imageUser, List.of(), List.of("/x"), List.of(), "", "");
        return Fixtures.builder().container(inputs(cfg, pod().build(), image, rootfs)).spec().process().user();
    }

    private void assertInvalid(ContainerConfig cfg, String imageUser) {
        CriException e = assertThrows(CriException.class, () -> build(cfg, imageUser));
        assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
    }
}
