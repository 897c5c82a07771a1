/**
 * The streaming server: Exec, Attach and PortForward return a URL with a single-use token on it,
 * and kubelet (or crictl) upgrades a connection to that URL.
 *
 * <pre>
 *   HTTP/1.1 GET|POST /exec|attach|portforward/TOKEN       (HttpEntry: token, kind, transport)
 *     Upgrade: SPDY/3.1  + X-Stream-Protocol-Version       -> SpdyUpgrade -> SpdySession
 *          exec/attach: SpdyRemoteCommand   port-forward: PortForwardSpdy
 *     Upgrade: websocket + Sec-WebSocket-Protocol          -> WebSocketUpgrade
 *          exec/attach: WebSocketRemoteCommand   port-forward: PortForwardWebSocket
 *   exec/attach, whatever the transport: RemoteCommandSession over the handler's ProcessStreams
 *   port-forward, each connection: PortTunnel over the handler's SocketChannel
 * </pre>
 *
 * <p>Netty directly, not Vert.x's HTTP server: SPDY needs the raw pipeline after the 101 (Vert.x
 * would hand it over only through its internal API). Neither spdystream (kubelet's and client-go's
 * SPDY) nor the channel WebSocket protocols have flow control, so backpressure is TCP's: a pump
 * thread waits while its stream has too many unsent bytes ({@link dev.janus.cri.streaming.OutboundBudget}),
 * and a connection stops being read while any consumer has too much queued
 * ({@link dev.janus.cri.streaming.ReadGate}).
 */
package dev.janus.cri.streaming;
