package dev.janus.cri.state;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.janus.cri.errors.CriException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.h2.mvstore.MVMap;

/**
 * Records of one kind (sandboxes or containers) kept in memory for fast lists and written
 * through to the store. Also the name index: a CRI name is reserved by one id at a time.
 */
public final class RecordTable<R extends Message> {

    private final String kind;
    private final StateStore store;
    private final MVMap<String, byte[]> persisted;
    private final Function<R, String> idOf;
    private final Function<R, String> nameOf;
    private final Map<String, R> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByName = new ConcurrentHashMap<>();

    public RecordTable(String kind, StateStore store, Parser<R> parser, Function<R, String> idOf,
            Function<R, String> nameOf) {
        this.kind = kind;
        this.store = store;
        this.persisted = store.map("cri." + kind);
        this.idOf = idOf;
        this.nameOf = nameOf;
        for (Map.Entry<String, byte[]> entry : persisted.entrySet()) {
            R record = parse(parser, entry.getKey(), entry.getValue());
            byId.put(entry.getKey(), record);
            idByName.put(nameOf.apply(record), entry.getKey());
        }
    }

    private R parse(Parser<R> parser, String id, byte[] bytes) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw CriException.internal("the store holds a broken " + kind + " record " + id, e);
        }
    }

    /**
     * Reserves the record's name and stores it, or fails with ALREADY_EXISTS naming the holder,
     * as containerd words it.
     */
    public void insert(R record) {
        String id = idOf.apply(record);
        String name = nameOf.apply(record);
        String holder = idByName.putIfAbsent(name, id);
        if (holder != null && !holder.equals(id)) {
            throw CriException.alreadyExists("failed to reserve %s name \"%s\": name \"%s\" is reserved for \"%s\"",
                    singular(), name, name, holder);
        }
        put(record);
    }

    /** Stores a new version of a record and commits it. */
    public void put(R record) {
        String id = idOf.apply(record);
        byId.put(id, record);
        persisted.put(id, record.toByteArray());
        store.commit();
    }

    public void delete(String id) {
        R removed = byId.remove(id);
        if (removed != null) {
            idByName.remove(nameOf.apply(removed), id);
        }
        persisted.remove(id);
        store.commit();
    }

    public R get(String id) {
        return byId.get(id);
    }

    /**
     * Finds a record by full id or unique id prefix; NOT_FOUND when none matches, and
     * INVALID_ARGUMENT when the prefix is ambiguous.
     */
    public R resolve(String idOrPrefix) {
        if (idOrPrefix == null || idOrPrefix.isEmpty()) {
            throw CriException.invalid("%s id must not be empty", singular());
        }
        R exact = byId.get(idOrPrefix);
        if (exact != null) {
            return exact;
        }
        R found = null;
        for (Map.Entry<String, R> entry : byId.entrySet()) {
            if (entry.getKey().startsWith(idOrPrefix)) {
                if (found != null) {
                    throw CriException.invalid("%s id prefix \"%s\" is ambiguous", singular(), idOrPrefix);
                }
                found = entry.getValue();
            }
        }
        if (found == null) {
            throw CriException.notFound("%s \"%s\" not found", singular(), idOrPrefix);
        }
        return found;
    }

    /** Like {@link #resolve} but null instead of NOT_FOUND, for idempotent verbs. */
    public R find(String idOrPrefix) {
        try {
            return resolve(idOrPrefix);
        } catch (CriException e) {
            if (e.kind() == CriException.Kind.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** The ids of every record, as a live view (no copy). */
    public java.util.Collection<String> ids() {
        return byId.keySet();
    }

    public List<R> all() {
        return new ArrayList<>(byId.values());
    }

    private String singular() {
        return kind.endsWith("es") ? kind.substring(0, kind.length() - 2) : kind.substring(0, kind.length() - 1);
    }
}
