/**
 * The pod network on Linux: network namespaces pinned by Janus and CNI plugin binaries run as
 * libcni and containerd run them.
 *
 * <pre>
 *   createNamespace  NetnsPins: unshare --net=&lt;stateDir&gt;/netns/&lt;id&gt; (a bind-mounted nsfs)
 *   attach           loopback ADD, then the network's conflist ADD in order (prevResult chained);
 *                    ResultCache holds config + args before ADD (pending) and the result after
 *   detach           the cached config's DEL in reverse order, with the cached prevResult
 *   removeNamespace  any attachment still cached is torn down, then umount + delete the pin
 * </pre>
 *
 * The cache entry is written before the first plugin runs, so a janusd killed half-way through
 * an ADD still knows what to DEL: that is what makes detach of a half-made attach free the IP.
 */
package dev.janus.networking.cni;
