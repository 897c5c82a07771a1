package dev.janus.networking.hns.hcn;

import java.util.UUID;

/**
 * The calls into computenetwork.dll Janus makes, with JSON in and out and handles kept inside.
 * Each method is one open-call-close sequence; a failure (a failing HRESULT, or S_OK with an
 * error record) throws {@link HcnException} naming the export that failed.
 *
 * <p>The real implementation is {@code win32.NativeHnsApi}; it runs only on Windows. Tests on
 * Linux use a recording fake of this interface, since the DLL cannot run there.
 */
public interface HnsApi {

    /** HcnEnumerate*: a JSON array of the ids of the objects the query matches. */
    String enumerate(HcnKind kind, String query);

    /**
     * HcnCreateNetwork or HcnCreateNamespace, then HcnQuery*Properties with the default query:
     * the created object's properties. The nil UUID lets HNS choose the id.
     */
    String create(HcnKind kind, UUID id, String settings);

    /** HcnOpenNetwork + HcnCreateEndpoint + HcnQueryEndpointProperties: the endpoint's properties. */
    String createEndpoint(UUID networkId, UUID id, String settings);

    /** HcnOpen* + HcnQuery*Properties: the object's properties. */
    String query(HcnKind kind, UUID id, String query);

    /** HcnOpenNamespace + HcnModifyNamespace, e.g. to add or remove an endpoint. */
    void modifyNamespace(UUID namespaceId, String settings);

    /** HcnDelete*. */
    void delete(HcnKind kind, UUID id);
}
