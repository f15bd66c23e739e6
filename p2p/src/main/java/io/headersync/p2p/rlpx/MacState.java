package io.headersync.p2p.rlpx;

/**
 * A running hash that RLPx frame MACs are read from: updated with every frame's bytes, its
 * digest taken without ending it. Keccak-256 in sessions; tests may substitute a fixed digest to
 * check the frame layout alone.
 */
interface MacState {

  void update(byte[] data, int offset, int length);

  /** The 32-byte digest of everything written so far; the state goes on unchanged. */
  byte[] digest();
}
