/**
 * Serving peers from the store: answers to GetBlockHeaders and GetBlockBodies within the limits of
 * {@link io.headersync.p2p.server.ServerConfig} ({@link io.headersync.p2p.server.StoreRequestServer}),
 * and announcements of a new local head to connected peers
 * ({@link io.headersync.p2p.server.HeadAnnouncer}).
 *
 * <p>Reads the store, never writes it; speaks to peers only through {@code p2p.eth} sessions and
 * knows nothing of RLPx. It serves only what is canonical, and never decides what to download.
 */
package io.headersync.p2p.server;
