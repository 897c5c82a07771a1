package dev.janus.networking.hns.hcn;

import dev.janus.cri.errors.CriException.Kind;
import java.util.Map;

/**
 * The HRESULTs HNS is known to return, with their names (winerror.h) and the CRI error kind each
 * becomes. Codes not listed are INTERNAL: Janus cannot say more than HNS did.
 */
public final class HResults {

    public static final int S_OK = 0;
    public static final int E_FAIL = 0x80004005;
    public static final int HCN_E_NETWORK_NOT_FOUND = 0x803B0001;
    public static final int HCN_E_ENDPOINT_NOT_FOUND = 0x803B0002;
    public static final int HCN_E_PORT_ALREADY_EXISTS = 0x803B0013;
    public static final int HCN_E_ENDPOINT_ALREADY_ATTACHED = 0x803B0014;
    public static final int HCN_E_INVALID_JSON = 0x803B001B;
    public static final int ERROR_NOT_FOUND = 0x80070490;

    private record Known(String name, Kind kind) {
    }

    private static final Map<Integer, Known> KNOWN = Map.ofEntries(
            Map.entry(HCN_E_NETWORK_NOT_FOUND, new Known("HCN_E_NETWORK_NOT_FOUND", Kind.NOT_FOUND)),
            Map.entry(HCN_E_ENDPOINT_NOT_FOUND, new Known("HCN_E_ENDPOINT_NOT_FOUND", Kind.NOT_FOUND)),
            Map.entry(0x803B0003, new Known("HCN_E_LAYER_NOT_FOUND", Kind.FAILED_PRECONDITION)),
            Map.entry(0x803B0004, new Known("HCN_E_SWITCH_NOT_FOUND", Kind.FAILED_PRECONDITION)),
            Map.entry(0x803B0005, new Known("HCN_E_SUBNET_NOT_FOUND", Kind.FAILED_PRECONDITION)),
            Map.entry(0x803B0006, new Known("HCN_E_ADAPTER_NOT_FOUND", Kind.FAILED_PRECONDITION)),
            Map.entry(0x803B000A, new Known("HCN_E_INVALID_NETWORK", Kind.INVALID_ARGUMENT)),
            Map.entry(0x803B000B, new Known("HCN_E_INVALID_NETWORK_TYPE", Kind.INVALID_ARGUMENT)),
            Map.entry(0x803B000C, new Known("HCN_E_INVALID_ENDPOINT", Kind.INVALID_ARGUMENT)),
            Map.entry(0x803B000D, new Known("HCN_E_INVALID_POLICY", Kind.INVALID_ARGUMENT)),
            Map.entry(0x803B000E, new Known("HCN_E_INVALID_POLICY_TYPE", Kind.INVALID_ARGUMENT)),
            Map.entry(0x803B0010, new Known("HCN_E_NETWORK_ALREADY_EXISTS", Kind.ALREADY_EXISTS)),
            Map.entry(0x803B0012, new Known("HCN_E_POLICY_ALREADY_EXISTS", Kind.ALREADY_EXISTS)),
            Map.entry(HCN_E_PORT_ALREADY_EXISTS, new Known("HCN_E_PORT_ALREADY_EXISTS", Kind.ALREADY_EXISTS)),
            Map.entry(HCN_E_ENDPOINT_ALREADY_ATTACHED,
                    new Known("HCN_E_ENDPOINT_ALREADY_ATTACHED", Kind.ALREADY_EXISTS)),
            Map.entry(0x803B0015, new Known("HCN_E_REQUEST_UNSUPPORTED", Kind.UNIMPLEMENTED)),
            // Janus built a document HNS rejects: a bug of Janus, not of the caller
            Map.entry(HCN_E_INVALID_JSON, new Known("HCN_E_INVALID_JSON", Kind.INTERNAL)),
            Map.entry(0x803B001E, new Known("HCN_E_INVALID_IP", Kind.INVALID_ARGUMENT)),
            Map.entry(0x803B0020, new Known("HCN_E_MANAGER_STOPPED", Kind.UNAVAILABLE)),
            Map.entry(0x803B0027, new Known("GCN_E_NETCOMPARTMENT_NOT_FOUND", Kind.NOT_FOUND)),
            Map.entry(0x803B002C, new Known("HCN_E_ENTITY_HAS_REFERENCES", Kind.FAILED_PRECONDITION)),
            Map.entry(0x803B002D, new Known("HCN_E_INVALID_INTERNAL_PORT", Kind.INVALID_ARGUMENT)),
            Map.entry(0x803B002F, new Known("HCN_E_ADDR_INVALID_OR_RESERVED", Kind.INVALID_ARGUMENT)),
            Map.entry(ERROR_NOT_FOUND, new Known("ERROR_NOT_FOUND", Kind.NOT_FOUND)),
            Map.entry(0x80070005, new Known("E_ACCESSDENIED", Kind.PERMISSION_DENIED)),
            Map.entry(0x80004001, new Known("E_NOTIMPL", Kind.UNIMPLEMENTED)),
            Map.entry(0x80070057, new Known("E_INVALIDARG", Kind.INVALID_ARGUMENT)),
            Map.entry(0x800705AA, new Known("ERROR_NO_SYSTEM_RESOURCES", Kind.RESOURCE_EXHAUSTED)),
            Map.entry(0x800706BA, new Known("RPC_S_SERVER_UNAVAILABLE", Kind.UNAVAILABLE)),
            Map.entry(0x80070422, new Known("ERROR_SERVICE_DISABLED", Kind.UNAVAILABLE)),
            Map.entry(E_FAIL, new Known("E_FAIL", Kind.INTERNAL)));

    private HResults() {
    }

    /** "0x803b0013 HCN_E_PORT_ALREADY_EXISTS", or the bare code when it is not a known one. */
    public static String describe(int hresult) {
        String hex = String.format("0x%08x", hresult);
        Known known = KNOWN.get(hresult);
        return known == null ? hex : hex + " " + known.name();
    }

    public static Kind kind(int hresult) {
        Known known = KNOWN.get(hresult);
        return known == null ? Kind.INTERNAL : known.kind();
    }

    /** The codes HNS uses for "no such object": whichever of them, the object is gone. */
    public static boolean isNotFound(int hresult) {
        return kind(hresult) == Kind.NOT_FOUND;
    }
}
