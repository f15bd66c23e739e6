/**
 * JSON-RPC 2.0 framing, independent of transport and of any method: parsing single and batch
 * requests, the standard error codes, typed access to positional parameters, a method registry and
 * the dispatcher that turns one request body into one response body.
 *
 * <p>Hand-written over Jackson's tree model rather than a JSON-RPC library: the whole protocol is a
 * page of rules, and owning it lets errors name the request, method and parameter at fault. Knows
 * nothing of Netty, the store or Ethereum.
 */
package io.headersync.node.rpc.jsonrpc;
