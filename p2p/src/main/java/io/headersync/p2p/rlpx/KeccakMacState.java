package io.headersync.p2p.rlpx;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** A Keccak-256 {@link MacState}: the digest is taken from a copy, so the running state goes on. */
final class KeccakMacState implements MacState {

  private final KeccakDigest keccak = new KeccakDigest(256);

  KeccakMacState(byte[] seed) {
    update(seed, 0, seed.length);
  }

  @Override
  public void update(byte[] data, int offset, int length) {
    keccak.update(data, offset, length);
  }

  @Override
  public byte[] digest() {
    byte[] out = new byte[32];
    new KeccakDigest(keccak).doFinal(out, 0);
    return out;
  }
}
