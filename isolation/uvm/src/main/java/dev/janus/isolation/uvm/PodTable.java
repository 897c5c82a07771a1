package dev.janus.isolation.uvm;

import dev.janus.cri.errors.CriException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The handler's pods and containers by id. */
final class PodTable {

    private final Map<String, PodVm> pods = new ConcurrentHashMap<>();
    private final Map<String, PodVm> podOfContainer = new ConcurrentHashMap<>();

    void add(PodVm pod) {
        pods.put(pod.id(), pod);
        pod.containers().forEach(c -> podOfContainer.put(c.id(), pod));
    }

    void remove(PodVm pod) {
        pods.remove(pod.id(), pod);
        pod.containers().forEach(c -> podOfContainer.remove(c.id(), pod));
    }

    void add(PodVm pod, VmContainer container) {
        pod.add(container);
        podOfContainer.put(container.id(), pod);
    }

    void remove(PodVm pod, String containerId) {
        pod.remove(containerId);
        podOfContainer.remove(containerId, pod);
    }

    /** The pod, or null. */
    PodVm pod(String sandboxId) {
        return pods.get(sandboxId);
    }

    /** The pod a container belongs to, or null. */
    PodVm podOf(String containerId) {
        return podOfContainer.get(containerId);
    }

    /** The container, or null. */
    VmContainer container(String containerId) {
        PodVm pod = podOfContainer.get(containerId);
        return pod == null ? null : pod.container(containerId);
    }

    /** The container, or NOT_FOUND. */
    VmContainer require(String containerId) {
        VmContainer container = container(containerId);
        if (container == null) {
            throw CriException.notFound("linux-vm handler has no container %s", containerId);
        }
        return container;
    }

    Collection<PodVm> pods() {
        return pods.values();
    }

    /** Every sandbox and container id held, for janusd's leak sweep. */
    Set<String> ids() {
        Set<String> ids = new TreeSet<>(pods.keySet());
        ids.addAll(podOfContainer.keySet());
        return ids;
    }
}
