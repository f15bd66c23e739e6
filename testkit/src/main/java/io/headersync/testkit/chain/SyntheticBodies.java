package io.headersync.testkit.chain;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.Withdrawal;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.trie.TrieRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small block bodies made from a header's number and parent hash, and headers that commit to
 * them. The body depends only on fields the roots do not cover, so a peer holding just the header
 * can make the body again ({@link #servedBody}), and the header's transactions root, ommers hash
 * and withdrawals root are those of that body ({@link #commit}).
 *
 * <p>A body holds 0–4 typed transactions of 40–200 random bytes (opaque envelopes: nothing here
 * needs them to be valid transactions, only to hash into the trie) and, when the header has a
 * withdrawals root, 0–4 withdrawals; no ommers. Small on purpose: simulations move thousands.
 */
public final class SyntheticBodies {

  private static final int MAX_TRANSACTIONS = 4;
  private static final int MAX_WITHDRAWALS = 4;

  private SyntheticBodies() {}

  /** The body of the block at {@code number} whose parent is {@code parentHash}. */
  public static BlockBody bodyFor(long number, Hash parentHash, boolean withWithdrawals) {
    SplittableRandom random = new SplittableRandom(RandomBytes.mix(seedOf(parentHash), number));
    int txCount = random.nextInt(MAX_TRANSACTIONS + 1);
    List<byte[]> txs = new ArrayList<>(txCount);
    for (int i = 0; i < txCount; i++) {
      byte[] envelope = RandomBytes.bytes(random, 40 + random.nextInt(161));
      envelope[0] = 0x02; // an EIP-1559 envelope's type byte
      txs.add(envelope);
    }
    List<Withdrawal> withdrawals = null;
    if (withWithdrawals) {
      int count = random.nextInt(MAX_WITHDRAWALS + 1);
      withdrawals = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        withdrawals.add(new Withdrawal(number * MAX_WITHDRAWALS + i, random.nextInt(1_000_000),
            Address.of(RandomBytes.bytes(random, Address.SIZE)), 1 + random.nextInt(40_000_000)));
      }
    }
    return new BlockBody(txs, List.of(), withdrawals);
  }

  /** The body {@code header}'s number, parent and shape call for. */
  public static BlockBody bodyFor(BlockHeader header) {
    return bodyFor(header.number(), header.parentHash(), header.withdrawalsRoot() != null);
  }

  /** {@code header} with its roots set to those of {@link #bodyFor(BlockHeader) its body}. */
  public static BlockHeader commit(BlockHeader header) {
    BlockBody body = bodyFor(header);
    BlockHeader.Builder b = header.toBuilder()
        .transactionsRoot(TrieRoot.ofOrdered(body.transactions()))
        .ommersHash(Keccak.EMPTY_LIST);
    if (body.hasWithdrawals()) {
      List<byte[]> encoded = new ArrayList<>(body.withdrawals().size());
      for (Withdrawal w : body.withdrawals()) {
        encoded.add(w.encode());
      }
      b.withdrawalsRoot(TrieRoot.ofOrdered(encoded));
    }
    return b.build();
  }

  /**
   * What a simulated peer serves as {@code header}'s body: its synthetic body when the header
   * commits to it (a chain made with {@link WithBodiesRecipe}), otherwise an empty body of the
   * header's shape, which matches nothing.
   */
  public static BlockBody servedBody(BlockHeader header) {
    BlockBody body = bodyFor(header);
    if (TrieRoot.ofOrdered(body.transactions()).equals(header.transactionsRoot())) {
      return body;
    }
    return new BlockBody(List.of(), List.of(), header.withdrawalsRoot() != null ? List.of() : null);
  }

  private static long seedOf(Hash hash) {
    byte[] b = hash.unsafeArray();
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }
}
