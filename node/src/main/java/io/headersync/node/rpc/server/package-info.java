/**
 * The sockets: Netty endpoints serving JSON-RPC over HTTP {@code POST} and over WebSocket (with
 * {@code eth_subscription} pushes), the per-address rate limit, and {@link
 * io.headersync.node.rpc.server.RpcServer}, which starts the public endpoints from geth-named
 * options. The Engine API reuses {@link io.headersync.node.rpc.server.JsonRpcEndpoint} with an
 * authenticator.
 *
 * <p>Transport only: requests go to a {@link io.headersync.node.rpc.jsonrpc.JsonRpcDispatcher};
 * nothing here knows a method. HTTP and WebSocket are written over Netty's codecs (already the
 * project's network library) rather than an HTTP server framework, which would bring a second I/O
 * stack for four handlers.
 */
package io.headersync.node.rpc.server;
