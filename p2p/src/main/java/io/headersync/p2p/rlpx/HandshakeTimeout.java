package io.headersync.p2p.rlpx;

/**
 * The pipeline event fired when a session's handshake deadline passes: whichever handler owns the
 * session at that moment (handshake or session handler) ends it.
 */
enum HandshakeTimeout {
  INSTANCE
}
