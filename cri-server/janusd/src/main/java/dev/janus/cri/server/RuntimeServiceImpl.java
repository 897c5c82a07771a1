package dev.janus.cri.server;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.*;
import dev.janus.cri.container.ContainerStatusVerb;
import dev.janus.cri.container.CreateContainer;
import dev.janus.cri.container.ExecSync;
import dev.janus.cri.container.ListContainers;
import dev.janus.cri.container.RemoveContainer;
import dev.janus.cri.container.ReopenContainerLog;
import dev.janus.cri.container.StartContainer;
import dev.janus.cri.container.StopContainer;
import dev.janus.cri.container.UpdateContainerResources;
import dev.janus.cri.sandbox.ListPodSandbox;
import dev.janus.cri.sandbox.PodSandboxStatusVerb;
import dev.janus.cri.sandbox.RemovePodSandbox;
import dev.janus.cri.sandbox.RunPodSandbox;
import dev.janus.cri.sandbox.StopPodSandbox;
import dev.janus.cri.stats.StatsVerbs;
import dev.janus.cri.streaming.AttachVerb;
import dev.janus.cri.streaming.ExecVerb;
import dev.janus.cri.streaming.PortForwardVerb;
import dev.janus.cri.streaming.StreamingServer;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRI RuntimeService: each RPC hands its request to the verb class of the same name. RPCs
 * Janus does not implement yet are not overridden, so the generated base answers UNIMPLEMENTED.
 */
public final class RuntimeServiceImpl extends RuntimeServiceGrpc.RuntimeServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeServiceImpl.class);

    private final CriContext cri;
    private final RuntimeInfo info;
    private final RunPodSandbox runPodSandbox;
    private final StopPodSandbox stopPodSandbox;
    private final RemovePodSandbox removePodSandbox;
    private final PodSandboxStatusVerb podSandboxStatus;
    private final ListPodSandbox listPodSandbox;
    private final CreateContainer createContainer;
    private final StartContainer startContainer;
    private final StopContainer stopContainer;
    private final RemoveContainer removeContainer;
    private final ContainerStatusVerb containerStatus;
    private final ListContainers listContainers;
    private final ExecSync execSync;
    private final UpdateContainerResources updateContainerResources;
    private final ReopenContainerLog reopenContainerLog;
    private final StatsVerbs stats;
    private final ExecVerb exec;
    private final AttachVerb attach;
    private final PortForwardVerb portForward;

    public RuntimeServiceImpl(CriContext cri, StreamingServer streaming) {
        this.cri = cri;
        this.info = new RuntimeInfo(cri);
        this.runPodSandbox = new RunPodSandbox(cri);
        this.stopPodSandbox = new StopPodSandbox(cri);
        this.removePodSandbox = new RemovePodSandbox(cri);
        this.podSandboxStatus = new PodSandboxStatusVerb(cri);
        this.listPodSandbox = new ListPodSandbox(cri);
        this.createContainer = new CreateContainer(cri);
        this.startContainer = new StartContainer(cri);
        this.stopContainer = new StopContainer(cri);
        this.removeContainer = new RemoveContainer(cri);
        this.containerStatus = new ContainerStatusVerb(cri);
        this.listContainers = new ListContainers(cri);
        this.execSync = new ExecSync(cri);
        this.updateContainerResources = new UpdateContainerResources(cri);
        this.reopenContainerLog = new ReopenContainerLog(cri);
        this.stats = new StatsVerbs(cri);
        this.exec = new ExecVerb(cri, streaming);
        this.attach = new AttachVerb(cri, streaming);
        this.portForward = new PortForwardVerb(cri, streaming);
    }

    @Override
    public void version(VersionRequest request, StreamObserver<VersionResponse> observer) {
        BlockingCalls.inline("Version", observer, info::version);
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusResponse> observer) {
        BlockingCalls.run("Status", observer, () -> info.status(request));
    }

    @Override
    public void runtimeConfig(RuntimeConfigRequest request, StreamObserver<RuntimeConfigResponse> observer) {
        BlockingCalls.inline("RuntimeConfig", observer, info::runtimeConfig);
    }

    /** The pod CIDR matters only to CNI config templates, which Janus does not use. */
    @Override
    public void updateRuntimeConfig(UpdateRuntimeConfigRequest request,
            StreamObserver<UpdateRuntimeConfigResponse> observer) {
        BlockingCalls.run("UpdateRuntimeConfig", observer, () -> {
            LOG.info("pod CIDR is now {}", request.getRuntimeConfig().getNetworkConfig().getPodCidr());
            return UpdateRuntimeConfigResponse.getDefaultInstance();
        });
    }

    @Override
    public void runPodSandbox(RunPodSandboxRequest request, StreamObserver<RunPodSandboxResponse> observer) {
        BlockingCalls.run("RunPodSandbox", observer, () -> runPodSandbox.handle(request));
    }

    @Override
    public void stopPodSandbox(StopPodSandboxRequest request, StreamObserver<StopPodSandboxResponse> observer) {
        BlockingCalls.run("StopPodSandbox", observer, () -> stopPodSandbox.handle(request));
    }

    @Override
    public void removePodSandbox(RemovePodSandboxRequest request, StreamObserver<RemovePodSandboxResponse> observer) {
        BlockingCalls.run("RemovePodSandbox", observer, () -> removePodSandbox.handle(request));
    }

    @Override
    public void podSandboxStatus(PodSandboxStatusRequest request, StreamObserver<PodSandboxStatusResponse> observer) {
        BlockingCalls.inline("PodSandboxStatus", observer, () -> podSandboxStatus.handle(request));
    }

    @Override
    public void listPodSandbox(ListPodSandboxRequest request, StreamObserver<ListPodSandboxResponse> observer) {
        BlockingCalls.inline("ListPodSandbox", observer, () -> listPodSandbox.handle(request));
    }

    @Override
    public void createContainer(CreateContainerRequest request, StreamObserver<CreateContainerResponse> observer) {
        BlockingCalls.run("CreateContainer", observer, () -> createContainer.handle(request));
    }

    @Override
    public void startContainer(StartContainerRequest request, StreamObserver<StartContainerResponse> observer) {
        BlockingCalls.run("StartContainer", observer, () -> startContainer.handle(request));
    }

    @Override
    public void stopContainer(StopContainerRequest request, StreamObserver<StopContainerResponse> observer) {
        BlockingCalls.run("StopContainer", observer, () -> stopContainer.handle(request));
    }

    @Override
    public void removeContainer(RemoveContainerRequest request, StreamObserver<RemoveContainerResponse> observer) {
        BlockingCalls.run("RemoveContainer", observer, () -> removeContainer.handle(request));
    }

    @Override
    public void listContainers(ListContainersRequest request, StreamObserver<ListContainersResponse> observer) {
        BlockingCalls.inline("ListContainers", observer, () -> listContainers.handle(request));
    }

    @Override
    public void containerStatus(ContainerStatusRequest request, StreamObserver<ContainerStatusResponse> observer) {
        BlockingCalls.inline("ContainerStatus", observer, () -> containerStatus.handle(request));
    }

    @Override
    public void updateContainerResources(UpdateContainerResourcesRequest request,
            StreamObserver<UpdateContainerResourcesResponse> observer) {
        BlockingCalls.run("UpdateContainerResources", observer, () -> updateContainerResources.handle(request));
    }

    @Override
    public void reopenContainerLog(ReopenContainerLogRequest request,
            StreamObserver<ReopenContainerLogResponse> observer) {
        BlockingCalls.run("ReopenContainerLog", observer, () -> reopenContainerLog.handle(request));
    }

    @Override
    public void execSync(ExecSyncRequest request, StreamObserver<ExecSyncResponse> observer) {
        BlockingCalls.run("ExecSync", observer, () -> execSync.handle(request));
    }

    @Override
    public void exec(ExecRequest request, StreamObserver<ExecResponse> observer) {
        BlockingCalls.run("Exec", observer, () -> exec.handle(request));
    }

    @Override
    public void attach(AttachRequest request, StreamObserver<AttachResponse> observer) {
        BlockingCalls.run("Attach", observer, () -> attach.handle(request));
    }

    @Override
    public void portForward(PortForwardRequest request, StreamObserver<PortForwardResponse> observer) {
        BlockingCalls.run("PortForward", observer, () -> portForward.handle(request));
    }

    @Override
    public void containerStats(ContainerStatsRequest request, StreamObserver<ContainerStatsResponse> observer) {
        BlockingCalls.run("ContainerStats", observer, () -> stats.containerStats(request));
    }

    @Override
    public void listContainerStats(ListContainerStatsRequest request,
            StreamObserver<ListContainerStatsResponse> observer) {
        BlockingCalls.run("ListContainerStats", observer, () -> stats.listContainerStats(request));
    }

    @Override
    public void podSandboxStats(PodSandboxStatsRequest request, StreamObserver<PodSandboxStatsResponse> observer) {
        BlockingCalls.run("PodSandboxStats", observer, () -> stats.podSandboxStats(request));
    }

    @Override
    public void listPodSandboxStats(ListPodSandboxStatsRequest request,
            StreamObserver<ListPodSandboxStatsResponse> observer) {
        BlockingCalls.run("ListPodSandboxStats", observer, () -> stats.listPodSandboxStats(request));
    }

    @Override
    public void getContainerEvents(GetEventsRequest request, StreamObserver<ContainerEventResponse> observer) {
        EventStream.open(cri.events(), observer);
    }
}
