package io.headersync.p2p.rlpx;

import io.headersync.core.crypto.KeccakSponge;

/** A Keccak-256 {@link MacState}: the digest is taken from a copy, so the running state goes on. */
final class KeccakMacState implements MacState {

  private final KeccakSponge keccak = KeccakSponge.keccak256();

  KeccakMacState(byte[] seed) {
    update(seed, 0, seed.length);
  }

  @Override
  public void update(byte[] data, int offset, int length) {
    keccak.update(data, offset, length);
  }

  @Override
  public byte[] digest() {
    return keccak.copy().digest();
  }
}
