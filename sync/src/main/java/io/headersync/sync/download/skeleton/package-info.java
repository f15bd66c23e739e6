/**
 * The skeleton strategy: headers downloaded upwards as chains of links hanging from anchors, in
 * the manner of a proof-of-work client's header download.
 *
 * <p>{@link io.headersync.sync.download.skeleton.SkeletonHeaderDownloader} drives it: skeleton
 * requests (one header every {@code skeletonStride} blocks) while anchors are few, anchor
 * extension requests (the headers below the parent an anchor waits for) with retry times and
 * invalidation, and batches handed out along the best branch. Its parts, one job each: {@code Link}
 * and {@code Anchor} (the nodes), {@code LinkQueues} (eviction order: pending highest first,
 * persisted lowest first), {@code LinkGraph} (indexes by hash and by parent hash, the insert list,
 * structural consistency), {@code Segments} (splitting an answer), {@code SegmentInserter}
 * (connect / extend down / extend up / new anchor, with header rules and seals),
 * {@code LocalChain} (the head, the store behind it, total difficulty), {@code ForkChoice} (best
 * header, forking point, unwind), {@code BlameLedger} (who sent headers off the chain to the
 * target). Every default is documented in
 * {@link io.headersync.sync.download.skeleton.SkeletonConfig}.
 *
 * <p>May use the download contract, {@code sync.api}, {@code sync.time}, consensus rules and seals,
 * and read the {@code HeaderStore}; never writes the store (the stage does), never touches
 * sockets or peers directly (only through a {@code HeadersClient}).
 */
package io.headersync.sync.download.skeleton;
