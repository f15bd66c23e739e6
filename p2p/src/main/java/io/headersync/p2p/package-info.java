/**
 * devp2p for headersync: node identity, RLPx sessions, the eth/68 and eth/69 sub-protocol,
 * discv4 discovery, the peer set and the server that answers peers from the store.
 *
 * <p>This module implements the client interfaces of {@code io.headersync.sync.api} for real
 * peers; it never decides what to download (that is the download strategies' job in
 * {@code sync}). The wire protocols are written by hand: they are the heart of the product, and
 * no library on Maven Central implements RLPx or eth for Java without pulling a whole client.
 */
package io.headersync.p2p;
