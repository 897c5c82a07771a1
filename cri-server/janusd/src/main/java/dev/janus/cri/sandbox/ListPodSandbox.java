package dev.janus.cri.sandbox;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.ListPodSandboxRequest;
import dev.janus.cri.api.ListPodSandboxResponse;
import dev.janus.cri.api.PodSandbox;
import dev.janus.cri.api.PodSandboxFilter;
import dev.janus.cri.state.Labels;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.cri.state.ViewCache;

/** ListPodSandbox with the CRI filters: id prefix, state, label selector. */
public final class ListPodSandbox {

    private final CriContext cri;
    private final ViewCache<SandboxRecord, PodSandbox> views = new ViewCache<>(SandboxViews::listItem);

    public ListPodSandbox(CriContext cri) {
        this.cri = cri;
    }

    public ListPodSandboxResponse handle(ListPodSandboxRequest request) {
        PodSandboxFilter filter = request.getFilter();
        ListPodSandboxResponse.Builder response = ListPodSandboxResponse.newBuilder();
        for (SandboxRecord sandbox : cri.sandboxes().all()) {
            if (matches(filter, sandbox)) {
                response.addItems(views.of(sandbox.getId(), sandbox));
            }
        }
        views.prune(cri.sandboxes().ids());
        return response.build();
    }

    static boolean matches(PodSandboxFilter filter, SandboxRecord sandbox) {
        return sandbox.getId().startsWith(filter.getId())
                && (!filter.hasState() || filter.getState().getState() == SandboxViews.state(sandbox))
                && Labels.match(filter.getLabelSelectorMap(), sandbox.getConfig().getLabelsMap());
    }
}
