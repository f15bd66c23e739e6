package io.headersync.consensus.seal.clique;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Secp256k1;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds and signs synthetic clique headers with test keys. */
final class CliqueTestChain {

  static final long EPOCH = 10;

  static BigInteger key(int i) {
    return BigInteger.valueOf(0xC11C_0000L + i);
  }

  static Address address(int i) {
    return Secp256k1.address(Secp256k1.publicKey(key(i)));
  }

  static List<Address> sorted(List<Address> signers) {
    List<Address> s = new ArrayList<>(signers);
    s.sort(Comparator.comparing(Address::toHex));
    return s;
  }

  static byte[] extraData(List<Address> listed) {
    byte[] extra = new byte[CliqueHeaders.VANITY + listed.size() * Address.SIZE + CliqueHeaders.SIGNATURE];
    for (int i = 0; i < listed.size(); i++) {
      System.arraycopy(listed.get(i).unsafeArray(), 0, extra, CliqueHeaders.VANITY + i * Address.SIZE, Address.SIZE);
    }
    return extra;
  }

  static BlockHeader genesis(List<Address> signers) {
    return BlockHeader.builder().number(0).gasLimit(8_000_000).timestamp(1_600_000_000L).difficulty(BigInteger.ONE)
        .extraData(extraData(sorted(signers))).build();
  }

  /** Difficulty of {@code signer} at {@code number} among {@code signers}: 2 in turn, 1 out of turn. */
  static BigInteger difficulty(long number, int signer, List<Address> signers) {
    List<Address> s = sorted(signers);
    return Long.remainderUnsigned(number, s.size()) == s.indexOf(address(signer)) ? BigInteger.TWO : BigInteger.ONE;
  }

  /** An unsigned child of {@code parent}: checkpoint blocks list {@code signers}. */
  static BlockHeader.Builder child(BlockHeader parent, List<Address> signers) {
    long n = parent.number() + 1;
    List<Address> listed = n % EPOCH == 0 ? sorted(signers) : List.of();
    return BlockHeader.builder().parentHash(parent.hash()).number(n).gasLimit(8_000_000)
        .timestamp(parent.timestamp() + 15).extraData(extraData(listed)).mixHash(Hash.ZERO).nonce(CliqueHeaders.NONCE_DROP);
  }

  /** A child signed by {@code signer} with the right difficulty and no vote. */
  static BlockHeader signedChild(BlockHeader parent, List<Address> signers, int signer) {
    long n = parent.number() + 1;
    return CliqueHeaders.seal(child(parent, signers).difficulty(difficulty(n, signer, signers)).build(), key(signer));
  }

  /** The signer whose turn block {@code number} is. */
  static int inTurn(long number, List<Address> signers, int... candidates) {
    for (int c : candidates) {
      if (difficulty(number, c, signers).equals(BigInteger.TWO)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no candidate is in turn at " + number);
  }

  private CliqueTestChain() {}
}
