/**
 * What the JSON-RPC server reads, as small interfaces the node's wiring plugs real parts into:
 * the chain (a {@link io.headersync.store.HeaderStore} directly), sync progress
 * ({@link io.headersync.node.rpc.SyncStatusSource}), peers ({@link io.headersync.node.rpc.PeersSource}),
 * new canonical heads and reorgs ({@link io.headersync.node.rpc.HeadEvents}) and the consensus
 * client's safe and finalized blocks ({@link io.headersync.node.rpc.ForkchoiceView}), bundled in
 * {@link io.headersync.node.rpc.RpcBackend}.
 *
 * <p>Plain data and interfaces only: no sockets (see {@code rpc.server}), no JSON-RPC framing (see
 * {@code rpc.jsonrpc}), no method logic (see {@code rpc.methods}). Nothing here writes to the store.
 */
package io.headersync.node.rpc;
