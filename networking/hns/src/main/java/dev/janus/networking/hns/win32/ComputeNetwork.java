package dev.janus.networking.hns.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid.GUID;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The exports of computenetwork.dll Janus calls (HCN v2, Windows 10 1809 / Server 2019 and later).
 * Every function returns an HRESULT; {@code PWSTR*} outputs (properties, id lists, error records)
 * are UTF-16 strings the caller frees with CoTaskMemFree; handles are closed with HcnClose*.
 * JNA looks each export up on its first call, so one missing on an old build fails that call,
 * not the load. Only {@link NativeHnsApi} calls this.
 */
public interface ComputeNetwork extends StdCallLibrary {

    static ComputeNetwork load() {
        return Native.load("computenetwork", ComputeNetwork.class);
    }

    int HcnEnumerateNetworks(WString query, PointerByReference networks, PointerByReference errorRecord);

    int HcnCreateNetwork(GUID id, WString settings, PointerByReference network, PointerByReference errorRecord);

    int HcnOpenNetwork(GUID id, PointerByReference network, PointerByReference errorRecord);

    int HcnQueryNetworkProperties(Pointer network, WString query, PointerByReference properties,
            PointerByReference errorRecord);

    int HcnDeleteNetwork(GUID id, PointerByReference errorRecord);

    int HcnCloseNetwork(Pointer network);

    int HcnEnumerateEndpoints(WString query, PointerByReference endpoints, PointerByReference errorRecord);

    int HcnCreateEndpoint(Pointer network, GUID id, WString settings, PointerByReference endpoint,
            PointerByReference errorRecord);

    int HcnOpenEndpoint(GUID id, PointerByReference endpoint, PointerByReference errorRecord);

    int HcnQueryEndpointProperties(Pointer endpoint, WString query, PointerByReference properties,
            PointerByReference errorRecord);

    int HcnDeleteEndpoint(GUID id, PointerByReference errorRecord);

    int HcnCloseEndpoint(Pointer endpoint);

    int HcnEnumerateNamespaces(WString query, PointerByReference namespaces, PointerByReference errorRecord);

    int HcnCreateNamespace(GUID id, WString settings, PointerByReference namespace, PointerByReference errorRecord);

    int HcnOpenNamespace(GUID id, PointerByReference namespace, PointerByReference errorRecord);

    /** Adds or removes an endpoint: there is no export of its own for that. */
    int HcnModifyNamespace(Pointer namespace, WString settings, PointerByReference errorRecord);

    int HcnQueryNamespaceProperties(Pointer namespace, WString query, PointerByReference properties,
            PointerByReference errorRecord);

    int HcnDeleteNamespace(GUID id, PointerByReference errorRecord);

    int HcnCloseNamespace(Pointer namespace);
}
