/**
 * The pod network on Windows: one HNS network that every pod joins (Windows containers and
 * Linux utility VMs alike), and per pod an HCN namespace and an HCN endpoint, driven through
 * computenetwork.dll.
 *
 * <pre>
 *   config      the network: &lt;confDir&gt;/hns-network.json, defaults NAT janus-nat 172.30.0.0/16
 *   schema      HCN documents as records (HostComputeNetwork, ...Endpoint, ...Namespace, queries,
 *               error records), one Jackson mapper, decoders for HNS answers
 *   documents   pure builders: config and CRI request -> HCN records
 *   hcn         HnsApi (JSON in, JSON out, handles inside), HcnException, the HRESULT table
 *   win32       the only JNA code: ComputeNetwork (the exports) and NativeHnsApi
 *   this        HnsPodNetwork and the steps it is made of
 * </pre>
 *
 * Ids: a pod's namespace and endpoint get GUIDs derived from its sandbox id ({@link
 * dev.janus.networking.hns.HcnIds}), so every step can be repeated, a restarted janusd finds
 * what it made, and a sweep at start can tell Janus's leftovers from other software's objects.
 *
 * For utility VMs (Hyper-V and Linux-VM pods) attach reports what the VM handler needs to give
 * the VM the endpoint as a network adapter: endpoint id, MAC, addresses, gateways, routes
 * (see {@link dev.janus.networking.hns.PodStatuses}); the hot-add is the handler's job.
 */
package dev.janus.networking.hns;
