package dev.janus.networking.cni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Shell scripts standing in for plugin binaries where the test is about Janus' side only. */
final class FakePlugins {

    private FakePlugins() {
    }

    static Path write(Path binDir, String type, String body) throws IOException {
        Files.createDirectories(binDir);
        Path script = binDir.resolve(type);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /**
     * A plugin that logs "COMMAND type" and its stdin to {@code log}, answers VERSION with the
     * given versions and ADD with its prevResult plus one IP named after itself.
     */
    static Path logging(Path binDir, String type, Path log, String versions) throws IOException {
        return write(binDir, type, """
                in=$(cat)
                echo "$CNI_COMMAND %1$s $in" >> %2$s
                case "$CNI_COMMAND" in
                  VERSION) echo '{"cniVersion":"1.0.0","supportedVersions":[%3$s]}' ;;
                  ADD) echo '{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"aa:bb:cc:dd:ee:ff","sandbox":"'"$CNI_NETNS"'"}],"ips":[{"interface":0,"address":"10.9.9.2/24","gateway":"10.9.9.1"}],"dns":{},"addedBy":"%1$s"}' ;;
                esac
                exit 0
                """.formatted(type, log, versions));
    }
}
