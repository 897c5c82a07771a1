package dev.janus.cri.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The CRI message a stored record is shown as, built once per version of the record. Records
 * are immutable, so a view is reused until the record is replaced; a reused protobuf message also
 * keeps its computed size, which is most of what serializing a long list costs.
 */
public final class ViewCache<R, V> {

    private record Entry<R, V>(R record, V view) {
    }

    private final Function<R, V> render;
    private final Map<String, Entry<R, V>> byId = new ConcurrentHashMap<>();

    public ViewCache(Function<R, V> render) {
        this.render = render;
    }

    public V of(String id, R record) {
        Entry<R, V> cached = byId.get(id);
        if (cached != null && cached.record() == record) {
            return cached.view();
        }
        V view = render.apply(record);
        byId.put(id, new Entry<>(record, view));
        return view;
    }

    /** Drops the views of records that are gone, once they are as many as the live ones. */
    public void prune(java.util.Collection<String> liveIds) {
        if (byId.size() > 2 * liveIds.size() + 16) {
            byId.keySet().retainAll(new java.util.HashSet<>(liveIds));
        }
    }
}
