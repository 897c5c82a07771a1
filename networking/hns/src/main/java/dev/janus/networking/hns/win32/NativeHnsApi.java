package dev.janus.networking.hns.win32;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid.GUID;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.ptr.PointerByReference;
import dev.janus.cri.errors.CriException;
import dev.janus.networking.hns.documents.Queries;
import dev.janus.networking.hns.hcn.HResults;
import dev.janus.networking.hns.hcn.HcnException;
import dev.janus.networking.hns.hcn.HcnKind;
import dev.janus.networking.hns.hcn.HnsApi;
import dev.janus.networking.hns.schema.HcnErrorRecord;
import dev.janus.networking.hns.schema.HcnJson;
import dev.janus.networking.hns.schema.HcnResponses;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * {@link HnsApi} on computenetwork.dll. Each method opens what it needs, calls, reads and frees
 * the output strings, and closes its handles, so no handle outlives a call. A call failed when
 * its HRESULT is negative or when it wrote an error record (HNS sometimes returns S_OK with one).
 */
public final class NativeHnsApi implements HnsApi {

    private static final String DEFAULT_QUERY = HcnJson.write(Queries.all());

    private volatile ComputeNetwork dll;

    @Override
    public String enumerate(HcnKind kind, String query) {
        Out ids = new Out();
        Out error = new Out();
        WString q = new WString(query);
        String function = kind.enumerateFunction();
        int hr = call(function, () -> switch (kind) {
            case NETWORK -> dll().HcnEnumerateNetworks(q, ids.ref, error.ref);
            case ENDPOINT -> dll().HcnEnumerateEndpoints(q, ids.ref, error.ref);
            case NAMESPACE -> dll().HcnEnumerateNamespaces(q, ids.ref, error.ref);
        });
        String answer = ids.take();
        check(function, hr, error);
        return answer;
    }

    @Override
    public String create(HcnKind kind, UUID id, String settings) {
        PointerByReference handle = new PointerByReference();
        Out error = new Out();
        WString s = new WString(settings);
        String function = kind.function("Create");
        int hr = call(function, () -> switch (kind) {
            case NETWORK -> dll().HcnCreateNetwork(guid(id), s, handle, error.ref);
            case NAMESPACE -> dll().HcnCreateNamespace(guid(id), s, handle, error.ref);
            case ENDPOINT -> throw new IllegalArgumentException("an endpoint is created on a network: createEndpoint");
        });
        check(function, hr, error);
        return queryAndClose(kind, handle.getValue(), DEFAULT_QUERY);
    }

    @Override
    public String createEndpoint(UUID networkId, UUID id, String settings) {
        Pointer network = open(HcnKind.NETWORK, networkId);
        try {
            PointerByReference handle = new PointerByReference();
            Out error = new Out();
            String function = HcnKind.ENDPOINT.function("Create");
            int hr = call(function, () -> dll().HcnCreateEndpoint(network, guid(id), new WString(settings),
                    handle, error.ref));
            check(function, hr, error);
            return queryAndClose(HcnKind.ENDPOINT, handle.getValue(), DEFAULT_QUERY);
        } finally {
            close(HcnKind.NETWORK, network);
        }
    }

    @Override
    public String query(HcnKind kind, UUID id, String query) {
        return queryAndClose(kind, open(kind, id), query);
    }

    @Override
    public void modifyNamespace(UUID namespaceId, String settings) {
        Pointer namespace = open(HcnKind.NAMESPACE, namespaceId);
        try {
            Out error = new Out();
            String function = HcnKind.NAMESPACE.function("Modify");
            int hr = call(function, () -> dll().HcnModifyNamespace(namespace, new WString(settings), error.ref));
            check(function, hr, error);
        } finally {
            close(HcnKind.NAMESPACE, namespace);
        }
    }

    @Override
    public void delete(HcnKind kind, UUID id) {
        Out error = new Out();
        String function = kind.function("Delete");
        int hr = call(function, () -> switch (kind) {
            case NETWORK -> dll().HcnDeleteNetwork(guid(id), error.ref);
            case ENDPOINT -> dll().HcnDeleteEndpoint(guid(id), error.ref);
            case NAMESPACE -> dll().HcnDeleteNamespace(guid(id), error.ref);
        });
        check(function, hr, error);
    }

    private Pointer open(HcnKind kind, UUID id) {
        PointerByReference handle = new PointerByReference();
        Out error = new Out();
        String function = kind.function("Open");
        int hr = call(function, () -> switch (kind) {
            case NETWORK -> dll().HcnOpenNetwork(guid(id), handle, error.ref);
            case ENDPOINT -> dll().HcnOpenEndpoint(guid(id), handle, error.ref);
            case NAMESPACE -> dll().HcnOpenNamespace(guid(id), handle, error.ref);
        });
        check(function, hr, error);
        return handle.getValue();
    }

    private String queryAndClose(HcnKind kind, Pointer handle, String query) {
        try {
            Out properties = new Out();
            Out error = new Out();
            WString q = new WString(query);
            String function = kind.function("Query", "Properties");
            int hr = call(function, () -> switch (kind) {
                case NETWORK -> dll().HcnQueryNetworkProperties(handle, q, properties.ref, error.ref);
                case ENDPOINT -> dll().HcnQueryEndpointProperties(handle, q, properties.ref, error.ref);
                case NAMESPACE -> dll().HcnQueryNamespaceProperties(handle, q, properties.ref, error.ref);
            });
            String answer = properties.take();
            check(function, hr, error);
            return answer;
        } finally {
            close(kind, handle);
        }
    }

    /** A close that fails leaks one handle in HNS; the call's own outcome matters more. */
    private void close(HcnKind kind, Pointer handle) {
        if (handle == null) {
            return;
        }
        switch (kind) {
            case NETWORK -> dll().HcnCloseNetwork(handle);
            case ENDPOINT -> dll().HcnCloseEndpoint(handle);
            case NAMESPACE -> dll().HcnCloseNamespace(handle);
        }
    }

    private static void check(String function, int hr, Out error) {
        String record = error.take();
        boolean recordSaysFailed = !record.isBlank() && !HcnResponses.errorRecord(record)
                .map(HcnErrorRecord::success).orElse(false);
        if (hr < 0 || recordSaysFailed) {
            int code = hr < 0 ? hr : HcnResponses.errorRecord(record).map(HcnErrorRecord::errorCode)
                    .filter(c -> c != 0).map(Long::intValue).orElse(HResults.E_FAIL);
            throw new HcnException(function, code, record);
        }
    }

    /** An export missing on this Windows build fails the call that needs it, as UNIMPLEMENTED. */
    private static int call(String function, IntSupplier invocation) {
        try {
            return invocation.getAsInt();
        } catch (UnsatisfiedLinkError e) {
            throw new CriException(CriException.Kind.UNIMPLEMENTED, function
                    + " is not exported by this Windows build's computenetwork.dll: " + e.getMessage(), e);
        }
    }

    private ComputeNetwork dll() {
        ComputeNetwork loaded = dll;
        if (loaded == null) {
            synchronized (this) {
                if (dll == null) {
                    dll = load();
                }
                loaded = dll;
            }
        }
        return loaded;
    }

    private static ComputeNetwork load() {
        try {
            return ComputeNetwork.load();
        } catch (UnsatisfiedLinkError e) {
            throw CriException.unavailable("computenetwork.dll cannot be loaded (is the Containers"
                    + " feature enabled?): %s", e.getMessage());
        }
    }

    /** REFGUID: Data1, Data2, Data3 little-endian as the UUID's first three groups, Data4 as the rest. */
    static GUID guid(UUID id) {
        GUID guid = new GUID();
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        guid.Data1 = (int) (msb >>> 32);
        guid.Data2 = (short) (msb >>> 16);
        guid.Data3 = (short) msb;
        for (int i = 0; i < 8; i++) {
            guid.Data4[i] = (byte) (lsb >>> (56 - 8 * i));
        }
        guid.write();
        return guid;
    }

    /** A {@code PWSTR*} output: read once, then freed with CoTaskMemFree as HCN requires. */
    private static final class Out {

        final PointerByReference ref = new PointerByReference();

        String take() {
            Pointer p = ref.getValue();
            if (p == null) {
                return "";
            }
            try {
                return p.getWideString(0);
            } finally {
                Ole32.INSTANCE.CoTaskMemFree(p);
                ref.setValue(null);
            }
        }
    }
}
