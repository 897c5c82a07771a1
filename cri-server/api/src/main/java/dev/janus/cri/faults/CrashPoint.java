package dev.janus.cri.faults;

/**
 * Named steps of the CRI verbs, before and after each host-side effect, where a test can make
 * janusd die as {@code kill -9} would (containerd's failpoints serve the same end): the crash
 * suite kills janusd at each in turn and proves that a restarted janusd reports the truth and
 * leaks nothing. Off unless janusd's environment names a step in {@value #ENV}, read once at
 * start; no config key turns it on, so a production janusd never has it.
 */
public enum CrashPoint {

    RUN_POD_RECORDED("RunPodSandbox/recorded"),
    RUN_POD_FILES_WRITTEN("RunPodSandbox/pod-files-written"),
    RUN_POD_NETNS_MADE("RunPodSandbox/netns-made"),
    RUN_POD_NETNS_RECORDED("RunPodSandbox/netns-recorded"),
    RUN_POD_HOLDER_STARTED("RunPodSandbox/holder-started"),
    RUN_POD_NETWORK_ATTACHED("RunPodSandbox/network-attached"),
    RUN_POD_READY("RunPodSandbox/ready"),
    CREATE_RECORDED("CreateContainer/recorded"),
    CREATE_LAYERS_TAKEN("CreateContainer/layers-taken"),
    CREATE_HANDLER_CREATED("CreateContainer/handler-created"),
    CREATE_DONE("CreateContainer/created"),
    START_BEGIN("StartContainer/begin"),
    START_PROCESS_STARTED("StartContainer/process-started"),
    START_RECORDED("StartContainer/running-recorded"),
    STOP_BEGIN("StopContainer/begin"),
    STOP_PROCESS_ENDED("StopContainer/process-ended"),
    STOP_RECORDED("StopContainer/exited-recorded"),
    REMOVE_BEGIN("RemoveContainer/begin"),
    REMOVE_HANDLER_REMOVED("RemoveContainer/handler-removed"),
    REMOVE_RECORD_DELETED("RemoveContainer/record-deleted"),
    STOP_POD_CONTAINERS_STOPPED("StopPodSandbox/containers-stopped"),
    STOP_POD_HOLDER_STOPPED("StopPodSandbox/holder-stopped"),
    STOP_POD_NETWORK_DETACHED("StopPodSandbox/network-detached"),
    STOP_POD_RECORDED("StopPodSandbox/stopped-recorded"),
    REMOVE_POD_CONTAINERS_REMOVED("RemovePodSandbox/containers-removed"),
    REMOVE_POD_HOLDER_REMOVED("RemovePodSandbox/holder-removed"),
    REMOVE_POD_NETWORK_REMOVED("RemovePodSandbox/network-removed"),
    REMOVE_POD_FILES_DELETED("RemovePodSandbox/files-deleted"),
    PULL_BLOBS_FETCHED("PullImage/blobs-fetched"),
    PULL_RECORDED("PullImage/recorded");

    public static final String ENV = "JANUS_TEST_CRASH_AT";
    private static final String ARMED = System.getenv(ENV);

    private final String step;

    CrashPoint(String step) {
        this.step = step;
    }

    public String step() {
        return step;
    }

    /** Dies here, at once and without shutdown hooks, when the environment names this step. */
    public void reached() {
        if (ARMED != null && ARMED.equals(step)) {
            System.err.println("janusd: crash point " + step + " reached: halting");
            Runtime.getRuntime().halt(137);
        }
    }
}
