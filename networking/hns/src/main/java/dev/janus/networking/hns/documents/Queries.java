package dev.janus.networking.hns.documents;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.janus.networking.hns.schema.HcnJson;
import dev.janus.networking.hns.schema.HostComputeQuery;
import dev.janus.networking.hns.schema.SchemaVersion;

/** Queries for HcnEnumerate* and HcnQuery*Properties. */
public final class Queries {

    private Queries() {
    }

    /** Every object, standard properties: what hcsshim sends after a create. */
    public static HostComputeQuery all() {
        return new HostComputeQuery(SchemaVersion.V2, null, null);
    }

    /** Objects with this exact name; the filter travels as a JSON string inside the query. */
    public static HostComputeQuery byName(String name) {
        String filter = HcnJson.write(JsonNodeFactory.instance.objectNode().put("Name", name));
        return new HostComputeQuery(SchemaVersion.V2, null, filter);
    }
}
