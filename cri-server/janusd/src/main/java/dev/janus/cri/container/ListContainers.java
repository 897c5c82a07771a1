package dev.janus.cri.container;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.Container;
import dev.janus.cri.api.ContainerFilter;
import dev.janus.cri.api.ListContainersRequest;
import dev.janus.cri.api.ListContainersResponse;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.Labels;
import dev.janus.cri.state.ViewCache;

/** ListContainers with the CRI filters: id prefix, state, sandbox id prefix, label selector. */
public final class ListContainers {

    private final CriContext cri;
    private final ViewCache<ContainerRecord, Container> views = new ViewCache<>(ContainerViews::listItem);

    public ListContainers(CriContext cri) {
        this.cri = cri;
    }

    public ListContainersResponse handle(ListContainersRequest request) {
        ContainerFilter filter = request.getFilter();
        ListContainersResponse.Builder response = ListContainersResponse.newBuilder();
        for (ContainerRecord c : cri.containers().all()) {
            if (ContainerViews.visible(c) && matches(filter, c)) {
                response.addContainers(views.of(c.getId(), c));
            }
        }
        views.prune(cri.containers().ids());
        return response.build();
    }

    static boolean matches(ContainerFilter filter, ContainerRecord c) {
        return c.getId().startsWith(filter.getId())
                && c.getSandboxId().startsWith(filter.getPodSandboxId())
                && (!filter.hasState() || filter.getState().getState() == ContainerViews.state(c))
                && Labels.match(filter.getLabelSelectorMap(), c.getConfig().getLabelsMap());
    }
}
