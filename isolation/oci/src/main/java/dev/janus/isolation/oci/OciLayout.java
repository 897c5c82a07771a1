package dev.janus.isolation.oci;

import java.nio.file.Path;

/**
 * Where this backend keeps what it makes, derived from ids alone so that teardown after a crash
 * finds everything again:
 *
 * <pre>
 *   state/oci/HANDLER/runtime/        the OCI runtime's own state (--root)
 *   state/oci/HANDLER/bundles/ID/     config.json, rootfs/, shm/, pidfiles, conmon's ctl fifo and
 *                                     attach socket (conmon --full-attach binds it in the bundle)
 *   state/oci/HANDLER/bundles/ID/exec/EXEC/   one streaming exec: process.json, its conmon's pipes,
 *                                     attach socket and ctl fifo
 *   state/oci/HANDLER/bundles/ID/persist/exit, .../oom   written by conmon when the process ends
 *   state/oci/HANDLER/exits/ID        conmon's exit notice, watched for exit events
 *   state/oci/HANDLER/attach/         conmon's attach sockets
 *   state/oci/HANDLER/trash/          removed bundles, deleted in the background
 *   root/containers/ID/upper, work    a container's writable layer (persistent, on disk)
 *   root/containers-trash/            removed writable layers, deleted in the background
 * </pre>
 */
record OciLayout(Path handlerState, Path containersRoot) {

    static OciLayout of(Path stateDir, Path rootDir, String handler) {
        return new OciLayout(stateDir.resolve("oci").resolve(handler), rootDir.resolve("containers"));
    }

    Path runtimeRoot() {
        return handlerState.resolve("runtime");
    }

    Path bundles() {
        return handlerState.resolve("bundles");
    }

    Path bundle(String id) {
        return bundles().resolve(id);
    }

    Path rootfs(String id) {
        return bundle(id).resolve("rootfs");
    }

    Path shm(String sandboxId) {
        return bundle(sandboxId).resolve("shm");
    }

    Path pidFile(String id) {
        return bundle(id).resolve("pidfile");
    }

    Path conmonPidFile(String id) {
        return bundle(id).resolve("conmon.pid");
    }

    Path persist(String id) {
        return bundle(id).resolve("persist");
    }

    Path exitFile(String id) {
        return persist(id).resolve("exit");
    }

    Path oomFile(String id) {
        return persist(id).resolve("oom");
    }

    Path ctlFifo(String id) {
        return bundle(id).resolve("ctl");
    }

    /** conmon's attach socket of a container (SOCK_SEQPACKET). */
    Path attachSocket(String id) {
        return bundle(id).resolve("attach");
    }

    Path execDir(String id, String execId) {
        return bundle(id).resolve("exec").resolve(execId);
    }

    Path syncFifo(String id) {
        return bundle(id).resolve("sync");
    }

    /** The CRI log path the container's monitor writes, recorded for reopening. */
    Path logPathFile(String id) {
        return bundle(id).resolve("logpath");
    }

    /** How to start the container's monitor, written at create, read at start. */
    Path launchFile(String id) {
        return bundle(id).resolve("launch.properties");
    }

    Path startedFile(String id) {
        return bundle(id).resolve("started");
    }

    Path exits() {
        return handlerState.resolve("exits");
    }

    Path attach() {
        return handlerState.resolve("attach");
    }

    /** Removed bundles on their way out (same filesystem as the bundles, so a rename moves them). */
    Path stateTrash() {
        return handlerState.resolve("trash");
    }

    /** Removed writable layers on their way out, beside (not inside) the containers dir. */
    Path layerTrash() {
        return containersRoot.resolveSibling("containers-trash");
    }

    Path writable(String id) {
        return containersRoot.resolve(id);
    }
}
