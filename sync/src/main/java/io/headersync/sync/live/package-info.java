/**
 * Live block download: full blocks (header and body) near the tip, named by a set of hashes or by
 * a range (the highest block's hash and a count), as the consensus engine asks for them when a
 * new head does not attach to what the node has. {@link io.headersync.sync.live.BlockDownloader}
 * is the contract; {@link io.headersync.sync.live.LiveBlockDownloader} its state machine on the
 * sync loop; {@link io.headersync.sync.live.BlockDownloadConfig} holds every limit with its reason.
 *
 * <p>Design: a single block asks for its header and its body at once; a range walks its headers
 * down from the tip by parent hash, then asks for bodies in batches, lowest first. Every body is
 * checked against its header's roots by the consensus module's {@code BodyValidator}; a wrong one
 * is reported against its sender and asked for again. Downloaded blocks wait in an ordered buffer
 * and leave in ascending number order, each once; asking for a block already under way joins it.
 * Memory is bounded by configuration: blocks held with bodies, blocks tracked without them.
 *
 * <p>May use {@code sync.api}, {@code sync.time}, core block types and the consensus body check;
 * knows nothing of peers' transports, the store, or header download strategies. Peer choice,
 * time-outs and retries belong to the client it is given (the request scheduler).
 */
package io.headersync.sync.live;
