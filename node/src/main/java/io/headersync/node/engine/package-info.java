/**
 * The Engine API: the authenticated port a consensus client drives the node through. It names
 * the sync target ({@code engine_forkchoiceUpdatedV1..V3}), hands over new blocks
 * ({@code engine_newPayloadV1..V4}, whose headers are rebuilt, checked against their block hash
 * and the chain rules, and stored) and agrees on capabilities ({@code engine_exchangeCapabilities}).
 * The node never builds payloads.
 *
 * <p>JWT (HS256, {@code iat} within ±60 s) is checked by hand with {@code javax.crypto}'s
 * HmacSHA256: the spec asks for one algorithm and one claim, a few dozen lines, where a JWT
 * library would bring key types, algorithms and claims the port must refuse anyway.
 *
 * <p>May write to the store (payload headers and bodies, head moves asked for by the consensus
 * client); may not reach into the sync: targets leave through {@link io.headersync.node.engine.TargetSink}.
 */
package io.headersync.node.engine;
