package dev.janus.isolation.ocispec;

import static dev.janus.isolation.ocispec.Fixtures.container;
import static dev.janus.isolation.ocispec.Fixtures.inputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.Capability;
import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.SecurityProfile;
import dev.janus.cri.api.SecurityProfile.ProfileType;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.SpecWarning.Kind;
import dev.janus.isolation.ocispec.model.OciSeccomp;
import dev.janus.isolation.ocispec.model.OciSeccomp.Syscall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seccomp filter each profile kind produces. */
class SeccompSpecTest {

    @TempDir
    Path dir;

    private static BuiltSpec build(Consumer<LinuxContainerSecurityContext.Builder> sc) {
        return Fixtures.builder().container(inputs(container(sc)));
    }

    private static OciSeccomp seccomp(Consumer<LinuxContainerSecurityContext.Builder> sc) {
        return build(sc).spec().linux().seccomp();
    }

    private static SecurityProfile profile(ProfileType type, String ref) {
        return SecurityProfile.newBuilder().setProfileType(type).setLocalhostRef(ref).build();
    }

    @Test
    void unconfinedAndUnsetMeanNoFilter() {
        assertNull(seccomp(sc -> { }));
        assertNull(seccomp(sc -> sc.setSeccomp(profile(ProfileType.Unconfined, ""))));
        assertNull(seccomp(sc -> sc.setSeccompProfilePath("unconfined")));
    }

    @Test
    void runtimeDefaultAllowsByDefaultAndBlocksTheDangerousOnes() {
        OciSeccomp s = seccomp(sc -> sc.setSeccomp(profile(ProfileType.RuntimeDefault, "")));
        assertEquals("SCMP_ACT_ALLOW", s.defaultAction());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
                s.architectures());
        for (String name : List.of("mount", "umount2", "pivot_root", "kexec_load", "init_module", "bpf",
                "perf_event_open", "keyctl", "open_by_handle_at", "swapon", "reboot", "setns")) {
            Syscall r = s.ruleFor(name);
            assertNotNull(r, name);
            assertEquals("SCMP_ACT_ERRNO", r.action());
            assertEquals(1, r.errnoRet(), name);
        }
        assertEquals(38, s.ruleFor("clone3").errnoRet(), "clone3 must say ENOSYS so libc falls back to clone");
        assertNull(s.ruleFor("ptrace"));
        // one masked rule per namespace flag on clone/unshare; plain clone (threads) stays allowed
        List<Syscall> unshare = s.syscalls().stream().filter(r -> r.names().contains("unshare")).toList();
        assertEquals(8, unshare.size());
        assertTrue(unshare.stream().allMatch(r -> r.args().get(0).op().equals("SCMP_CMP_MASKED_EQ")));
        assertTrue(unshare.stream().anyMatch(r -> r.args().get(0).value() == 0x10000000L));
    }

    @Test
    void grantedCapabilitiesUnblockTheirSyscalls() {
        OciSeccomp s = seccomp(sc -> sc.setSeccomp(profile(ProfileType.RuntimeDefault, ""))
                .setCapabilities(Capability.newBuilder().addAddCapabilities("SYS_ADMIN")));
        assertNull(s.ruleFor("mount"));
        assertNull(s.ruleFor("unshare"));
        assertNotNull(s.ruleFor("kexec_load"));
        assertNotNull(s.ruleFor("keyctl"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"runtime/default", "docker/default"})
    void deprecatedDefaultPaths(String path) {
        assertEquals("SCMP_ACT_ALLOW", seccomp(sc -> sc.setSeccompProfilePath(path)).defaultAction());
    }

    @Test
    void localhostProfileInDockerFormat() throws IOException {
        Path file = Files.writeString(dir.resolve("profile.json"), """
                {
                  "defaultAction": "SCMP_ACT_ERRNO",
                  "defaultErrnoRet": 1,
                  "archMap": [
                    {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
                    {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}
                  ],
                  "syscalls": [
                    {"names": ["read", "write", "exit_group"], "action": "SCMP_ACT_ALLOW"},
                    {"name": "personality", "action": "SCMP_ACT_ALLOW",
                     "args": [{"index": 0, "value": 18446744073709551615, "op": "SCMP_CMP_EQ"}]},
                    {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
                    {"names": ["arm_fadvise64_64"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm", "arm64"]}},
                    {"names": ["newer_call"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "6.9"}},
                    {"names": ["chown"], "action": "SCMP_ACT_ALLOW", "excludes": {"caps": ["CAP_CHOWN"]}}
                  ]
                }
                """);
        BuiltSpec b = build(sc -> sc.setSeccomp(profile(ProfileType.Localhost, file.toString())));
        OciSeccomp s = b.spec().linux().seccomp();
        assertEquals("SCMP_ACT_ERRNO", s.defaultAction());
        assertEquals(1, s.defaultErrnoRet());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), s.architectures());
        assertEquals(List.of("read", "write", "exit_group"), s.syscalls().get(0).names());
        assertEquals(-1L, s.ruleFor("personality").args().get(0).value());
        assertNull(s.ruleFor("mount"), "needs CAP_SYS_ADMIN, which the container lacks");
        assertNull(s.ruleFor("arm_fadvise64_64"));
        assertNull(s.ruleFor("newer_call"), "the fixture kernel is 6.1");
        assertNull(s.ruleFor("chown"), "the container holds CAP_CHOWN");
        assertEquals(Kind.SECCOMP_RULE_SKIPPED, b.warnings().get(0).kind());
        // the deprecated string form reads the same file
        assertEquals(s, seccomp(sc -> sc.setSeccompProfilePath("localhost/" + file)));
    }

    @Test
    void localhostProfileProblemsAreInvalid() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{ not json");
        for (Consumer<LinuxContainerSecurityContext.Builder> sc : List.<Consumer<LinuxContainerSecurityContext.Builder>>of(
                c -> c.setSeccomp(profile(ProfileType.Localhost, dir.resolve("missing.json").toString())),
                c -> c.setSeccomp(profile(ProfileType.Localhost, "relative.json")),
                c -> c.setSeccomp(profile(ProfileType.Localhost, bad.toString())),
                c -> c.setSeccompProfilePath("localhost/relative.json"),
                c -> c.setSeccompProfilePath("bogus"))) {
            CriException e = assertThrows(CriException.class, () -> build(sc));
            assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
        }
    }

    @Test
    void sandboxSeccompDefaultsToUnconfined() {
        OciSpecBuilder b = Fixtures.builder();
        assertNull(b.sandbox(Fixtures.sandbox(Fixtures.pod().build())).spec().linux().seccomp());
        var pod = Fixtures.pod();
        pod.getLinuxBuilder().getSecurityContextBuilder().setSeccomp(profile(ProfileType.RuntimeDefault, ""));
        assertEquals("SCMP_ACT_ALLOW", b.sandbox(Fixtures.sandbox(pod.build())).spec().linux().seccomp().defaultAction());
    }
}
