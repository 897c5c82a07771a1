package dev.janus.cri.container;

import dev.janus.cri.api.Container;
import dev.janus.cri.api.ContainerResources;
import dev.janus.cri.api.ContainerState;
import dev.janus.cri.api.ContainerStatus;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.state.ContainerRecord;

/** How a stored container looks to CRI clients. */
public final class ContainerViews {

    private ContainerViews() {
    }

    public static ContainerState state(ContainerRecord c) {
        return switch (c.getPhase()) {
            case CREATED -> ContainerState.CONTAINER_CREATED;
            case RUNNING -> ContainerState.CONTAINER_RUNNING;
            case EXITED -> ContainerState.CONTAINER_EXITED;
            case CREATING, UNRECOGNIZED -> ContainerState.CONTAINER_UNKNOWN;
        };
    }

    /** A container being created is not shown yet, as containerd does not show it. */
    public static boolean visible(ContainerRecord c) {
        return c.getPhase() != ContainerRecord.Phase.CREATING;
    }

    static ImageSpec image(ContainerRecord c) {
        return ImageSpec.newBuilder()
                .setImage(c.getImageName())
                .putAllAnnotations(c.getConfig().getImage().getAnnotationsMap())
                .setUserSpecifiedImage(c.getConfig().getImage().getImage())
                .build();
    }

    public static Container listItem(ContainerRecord c) {
        return Container.newBuilder()
                .setId(c.getId())
                .setPodSandboxId(c.getSandboxId())
                .setMetadata(c.getConfig().getMetadata())
                .setImage(image(c))
                .setImageRef(c.getImageRef())
                .setImageId(c.getImageId())
                .setState(state(c))
                .setCreatedAt(c.getCreatedAtNanos())
                .putAllLabels(c.getConfig().getLabelsMap())
                .putAllAnnotations(c.getConfig().getAnnotationsMap())
                .build();
    }

    public static ContainerStatus status(ContainerRecord c) {
        ContainerStatus.Builder status = ContainerStatus.newBuilder()
                .setId(c.getId())
                .setMetadata(c.getConfig().getMetadata())
                .setState(state(c))
                .setCreatedAt(c.getCreatedAtNanos())
                .setStartedAt(c.getStartedAtNanos())
                .setFinishedAt(c.getFinishedAtNanos())
                .setExitCode(c.getExitCode())
                .setImage(image(c))
                .setImageRef(c.getImageRef())
                .setImageId(c.getImageId())
                .setReason(c.getReason())
                .setMessage(c.getMessage())
                .putAllLabels(c.getConfig().getLabelsMap())
                .putAllAnnotations(c.getConfig().getAnnotationsMap())
                .addAllMounts(c.getConfig().getMountsList())
                .setLogPath(c.getLogPath())
                .setStopSignal(c.getConfig().getStopSignal());
        if (c.getConfig().getLinux().hasResources()) {
            status.setResources(ContainerResources.newBuilder()
                    .setLinux(c.getConfig().getLinux().getResources()));
        }
        return status.build();
    }
}
