/**
 * The eth wire protocol, versions 68 and 69: the messages ({@link io.headersync.p2p.eth.EthMessage})
 * and their codec ({@link io.headersync.p2p.eth.EthCodec}), the Status exchange with fork id
 * checks ({@link io.headersync.p2p.eth.StatusHandshake}), one session per peer
 * ({@link io.headersync.p2p.eth.EthSession}) and the peer as the request scheduler sees it
 * ({@link io.headersync.p2p.eth.EthPeer}, a {@code PeerHandle}), offered to RLPx by
 * {@link io.headersync.p2p.eth.EthProtocol}.
 *
 * <p>Every fault a peer can cause surfaces as one {@link io.headersync.p2p.eth.EthProtocolException}
 * whose reason names the Disconnect it earns; decoders check item counts against
 * {@link io.headersync.p2p.eth.EthLimits} before they allocate.
 *
 * <p>May use {@code rlp}, {@code core}, {@code store} (read-only, through the Status) and
 * {@code sync.api} / {@code sync.time}; it plugs into RLPx only through the {@code p2p.rlpx}
 * seam and knows nothing of frames, ciphers or sockets. It never decides what to download, and it
 * does not read the store to answer requests: that is {@code p2p.server}'s job, behind
 * {@link io.headersync.p2p.eth.RequestServer}. Written by hand for the reasons given in the module's
 * package comment.
 */
package io.headersync.p2p.eth;
