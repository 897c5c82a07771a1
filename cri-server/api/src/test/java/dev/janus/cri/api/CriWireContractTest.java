package dev.janus.cri.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guards the parts of the CRI v1 wire contract the kubelet depends on. The full
 * check against upstream api.proto is done out of tree; these catch the likely
 * slips when someone edits the .proto files by hand.
 */
class CriWireContractTest {

  private static final ServiceDescriptor RUNTIME = RuntimeServiceProto.getDescriptor()
      .findServiceByName("RuntimeService");
  private static final ServiceDescriptor IMAGE = ImageServiceProto.getDescriptor()
      .findServiceByName("ImageService");

  @Test
  void serviceNamesAreTheGrpcPathsKubeletDials() {
    assertEquals("runtime.v1.RuntimeService", RUNTIME.getFullName());
    assertEquals("runtime.v1.ImageService", IMAGE.getFullName());
    assertEquals("runtime.v1.RuntimeService", RuntimeServiceGrpc.SERVICE_NAME);
    assertEquals("runtime.v1.ImageService/PullImage",
        ImageServiceGrpc.getPullImageMethod().getFullMethodName());
  }

  @Test
  void runtimeServiceHasExactlyTheUpstreamMethods() {
    assertEquals(Set.of(
        "Version",
        "RunPodSandbox", "StopPodSandbox", "RemovePodSandbox", "PodSandboxStatus",
        "ListPodSandbox", "StreamPodSandboxes",
        "CreateContainer", "StartContainer", "StopContainer", "RemoveContainer",
        "ListContainers", "StreamContainers", "ContainerStatus",
        "UpdateContainerResources", "ReopenContainerLog",
        "ExecSync", "Exec", "Attach", "PortForward",
        "ContainerStats", "ListContainerStats", "StreamContainerStats",
        "PodSandboxStats", "ListPodSandboxStats", "StreamPodSandboxStats",
        "UpdateRuntimeConfig", "Status",
        "CheckpointContainer", "CheckpointPod", "RestorePod",
        "GetContainerEvents", "ListMetricDescriptors", "ListPodSandboxMetrics",
        "StreamPodSandboxMetrics", "RuntimeConfig", "UpdatePodSandboxResources"),
        methodNames(RUNTIME));
  }

  @Test
  void imageServiceHasExactlyTheUpstreamMethods() {
    assertEquals(Set.of("ListImages", "StreamImages", "ImageStatus", "PullImage", "RemoveImage",
        "ImageFsInfo"), methodNames(IMAGE));
  }

  @Test
  void onlyEventsAndStreamCallsAreServerStreamingAndNothingIsClientStreaming() {
    Set<String> serverStreaming = new TreeSet<>();
    for (ServiceDescriptor s : new ServiceDescriptor[] {RUNTIME, IMAGE}) {
      for (MethodDescriptor m : s.getMethods()) {
        assertEquals(false, m.isClientStreaming(), m.getFullName());
        if (m.isServerStreaming()) {
          serverStreaming.add(m.getName());
        }
      }
    }
    assertEquals(new TreeSet<>(Set.of("GetContainerEvents", "StreamPodSandboxes", "StreamContainers",
        "StreamContainerStats", "StreamPodSandboxStats", "StreamPodSandboxMetrics", "StreamImages")),
        serverStreaming);
    assertEquals(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING,
        RuntimeServiceGrpc.getGetContainerEventsMethod().getType());
    assertEquals("ContainerEventResponse",
        RUNTIME.findMethodByName("GetContainerEvents").getOutputType().getName());
  }

  @ParameterizedTest(name = "{0}.{1} = {2}")
  @CsvSource({
      "RunPodSandboxRequest, runtime_handler, 2, STRING",
      "PodSandboxConfig, log_directory, 3, STRING",
      "PodSandboxConfig, linux, 8, MESSAGE",
      "ContainerConfig, log_path, 11, STRING",
      "ContainerConfig, CDI_devices, 17, MESSAGE",
      "ContainerConfig, stop_signal, 18, ENUM",
      "ContainerStatus, reason, 10, STRING",
      "ContainerStatus, image_id, 17, STRING",
      "ImageSpec, user_specified_image, 18, STRING",
      "ImageSpec, runtime_handler, 19, STRING",
      "Mount, uidMappings, 6, MESSAGE",
      "Mount, image, 9, MESSAGE",
      "Mount, image_sub_path, 10, STRING",
      "NamespaceOption, userns_options, 5, MESSAGE",
      "LinuxContainerSecurityContext, run_as_group, 12, MESSAGE",
      "LinuxSandboxSecurityContext, supplemental_groups_policy, 11, ENUM",
      "PodSandboxStatusResponse, containers_statuses, 3, MESSAGE",
      "KeyValue, value, 2, BYTES",
      "PsiData, Total, 1, UINT64",
  })
  void fieldNumbersAndTypesMatchUpstream(String message, String field, int number,
      FieldDescriptor.Type type) {
    Descriptor d = allMessages().stream().filter(m -> m.getName().equals(message)).findFirst()
        .orElseThrow(() -> new AssertionError("no message " + message));
    FieldDescriptor f = d.findFieldByName(field);
    assertNotNull(f, message + "." + field);
    assertEquals(number, f.getNumber());
    assertEquals(type, f.getType());
  }

  @Test
  void enumNumbersMatchUpstream() {
    assertEquals(2, ContainerState.CONTAINER_EXITED.getNumber());
    assertEquals(1, PodSandboxState.SANDBOX_NOTREADY.getNumber());
    assertEquals(3, NamespaceMode.TARGET.getNumber());
    assertEquals(13, Signal.SIGNAL_SIGKILL.getNumber());
    assertEquals(65, Signal.SIGNAL_SIGRTMAX.getNumber());
    assertEquals(1, CgroupDriver.CGROUPFS.getNumber());
    assertEquals(3, ContainerEventType.CONTAINER_DELETED_EVENT.getNumber());
  }

  @Test
  void everyFileIsProto3SoRepeatedScalarsArePacked() {
    for (FileDescriptor f : files()) {
      assertEquals("runtime.v1", f.getPackage(), f.getName());
      assertEquals("proto3", f.toProto().getSyntax(), f.getName());
    }
    // Known kubelet encoding: container_id "c" (field 1), timeout 30 (field 2).
    byte[] bytes = StopContainerRequest.newBuilder().setContainerId("c").setTimeout(30).build()
        .toByteArray();
    assertArrayEquals(new byte[] {0x0a, 0x01, 'c', 0x10, 0x1e}, bytes);
    // Packed repeated int32: PortForwardRequest.port [80, 443] -> one length-delimited field 2.
    byte[] ports = PortForwardRequest.newBuilder().addPort(80).addPort(443).build().toByteArray();
    assertArrayEquals(new byte[] {0x12, 0x03, 0x50, (byte) 0xbb, 0x03}, ports);
  }

  private static Set<String> methodNames(ServiceDescriptor s) {
    return s.getMethods().stream().map(MethodDescriptor::getName).collect(Collectors.toSet());
  }

  private static Set<FileDescriptor> files() {
    Set<FileDescriptor> seen = new HashSet<>();
    Deque<FileDescriptor> todo = new ArrayDeque<>();
    todo.add(RuntimeServiceProto.getDescriptor());
    todo.add(ImageServiceProto.getDescriptor());
    while (!todo.isEmpty()) {
      FileDescriptor f = todo.pop();
      if (seen.add(f)) {
        todo.addAll(f.getDependencies());
      }
    }
    return seen;
  }

  private static Set<Descriptor> allMessages() {
    Set<Descriptor> out = new HashSet<>();
    for (FileDescriptor f : files()) {
      out.addAll(f.getMessageTypes());
    }
    return out;
  }
}
