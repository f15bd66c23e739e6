/**
 * The RPC methods the node serves ({@code eth_}, {@code net_}, {@code web3_}, {@code admin_},
 * {@code headersync_}, and the {@code newHeads} subscription) and the JSON shapes of their results.
 *
 * <p>Reads the {@link io.headersync.node.rpc.RpcBackend} only: never writes to the store and knows
 * nothing of sockets. Results follow the execution-apis specification and geth where the
 * specification is silent (the {@code admin_} shapes, tags and error messages).
 */
package io.headersync.node.rpc.methods;
