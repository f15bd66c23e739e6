/**
 * The contract every header download strategy fulfils ({@link io.headersync.sync.download.HeaderDownloader})
 * and the values it hands to the stage that stores headers: verified, contiguous
 * {@link io.headersync.sync.download.HeaderBatch}es toward a {@link io.headersync.sync.download.SyncTarget},
 * or a request to unwind the local chain; and what strategies share ({@link
 * io.headersync.sync.download.RequestConcurrency}: requests outstanding for the usable peers).
 *
 * <p>A downloader is a single-threaded state machine on the sync event loop: answers, failures
 * and timers come in as events, requests go out through a {@link io.headersync.sync.api.HeadersClient};
 * it never blocks. Strategies live in sub-packages and may depend on this package, the client
 * API, consensus and the store interface — never on sockets or RLPx.
 */
package io.headersync.sync.download;
