package dev.janus.isolation.ocispec;

import static dev.janus.isolation.ocispec.Fixtures.IMAGE;
import static dev.janus.isolation.ocispec.Fixtures.container;
import static dev.janus.isolation.ocispec.Fixtures.env;
import static dev.janus.isolation.ocispec.Fixtures.inputs;
import static dev.janus.isolation.ocispec.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ImageRuntimeConfig;
import dev.janus.isolation.ocispec.model.OciProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** argv, environment and working directory, as kubectl users see them in the process. */
class ProcessSpecTest {

    static Stream<Arguments> argvTable() {
        return Stream.of(
                // command, args, image entrypoint, image cmd -> argv
                Arguments.of(List.of(), List.of(), List.of("/entry"), List.of("serve"), List.of("/entry", "serve")),
                Arguments.of(List.of("/bin/sh"), List.of(), List.of("/entry"), List.of("serve"), List.of("/bin/sh")),
                Arguments.of(List.of("/bin/sh"), List.of("-c", "x"), List.of("/entry"), List.of("serve"),
                        List.of("/bin/sh", "-c", "x")),
                Arguments.of(List.of(), List.of("debug"), List.of("/entry"), List.of("serve"), List.of("/entry", "debug")),
                Arguments.of(List.of(), List.of(), List.of(), List.of("/bin/true"), List.of("/bin/true")),
                Arguments.of(List.of(), List.of(), List.of(""), List.of("/bin/true"), List.of("/bin/true")),
                Arguments.of(List.of(), List.of("/bin/echo", "hi"), List.of(), List.of("/bin/true"),
                        List.of("/bin/echo", "hi")));
    }

    @ParameterizedTest
    @MethodSource("argvTable")
    void argvFollowsKubernetesRules(List<String> command, List<String> args, List<String> entry,
            List<String> cmd, List<String> expected) {
        ContainerConfig cfg = container().addAllCommand(command).addAllArgs(args).build();
        ImageRuntimeConfig image = new ImageRuntimeConfig("", List.of(), entry, cmd, "", "");
        OciProcess p = Fixtures.builder().container(inputs(cfg, pod().build(), image, Path.of("/nope"))).spec().process();
        assertEquals(expected, p.args());
    }

    @Test
    void noCommandAnywhereIsInvalid() {
        ImageRuntimeConfig image = new ImageRuntimeConfig("", List.of(), List.of(), List.of(), "", "");
        CriException e = assertThrows(CriException.class, () -> Fixtures.builder()
                .container(inputs(container().build(), pod().build(), image, Path.of("/nope"))));
        assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind());
    }

    @Test
    void envKeepsImageOrderCriOverridesInPlaceAndAddsHostname() {
        ContainerConfig cfg = container()
                .addEnvs(env("LANG", "en_US.UTF-8"))
                .addEnvs(env("EXTRA", "1"))
                .build();
        List<String> env = Fixtures.builder().container(inputs(cfg, pod().build(), IMAGE, Path.of("/nope")))
                .spec().process().env();
        // the image's PATH replaces the default in place; HOSTNAME comes from the pod
        assertEquals(List.of("PATH=/bin", "HOSTNAME=web-0", "LANG=en_US.UTF-8", "EXTRA=1"), env);
    }

    @Test
    void defaultPathWhenTheImageHasNone() {
        ImageRuntimeConfig image = new ImageRuntimeConfig("", List.of("A=b"), List.of("/x"), List.of(), "", "");
        List<String> env = Fixtures.builder().container(inputs(container().build(), pod().build(), image,
                Path.of("/nope"))).spec().process().env();
        assertEquals(EnvMerger.DEFAULT_PATH, env.get(0));
        assertTrue(env.contains("A=b"));
    }

    @Test
    void cwdFromConfigThenImageThenRoot() {
        OciSpecBuilder b = Fixtures.builder();
        assertEquals("/work", b.container(inputs(container().setWorkingDir("/work"))).spec().process().cwd());
        assertEquals("/srv", b.container(inputs(container())).spec().process().cwd());
        ImageRuntimeConfig bare = new ImageRuntimeConfig("", List.of(), List.of("/x"), List.of(), "", "");
        assertEquals("/", b.container(inputs(container().build(), pod().build(), bare, Path.of("/n")))
                .spec().process().cwd());
        assertThrows(CriException.class, () -> b.container(inputs(container().setWorkingDir("rel"))));
    }

    @Test
    void ttyBecomesTerminal() {
        assertTrue(Fixtures.builder().container(inputs(container().setTty(true))).spec().process().terminal());
    }
}
