package io.headersync.sync.live;

import io.headersync.core.block.Block;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.block.Withdrawal;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.trie.TrieRoot;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A small chain of Shanghai-shaped blocks whose headers commit to real bodies: block {@code n}
 * holds {@code n % 3} typed transactions and one withdrawal, so bodies differ from block to block
 * and a body sent for the wrong block fails the roots check.
 */
final class TestBlocks {

  private final List<Block> blocks;
  private final Map<Hash, Integer> numbers = new HashMap<>();

  private TestBlocks(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
    for (Block b : blocks) {
      numbers.put(b.hash(), (int) b.number());
    }
  }

  /** Blocks {@code 0..head}. */
  static TestBlocks chain(int head) {
    List<Block> out = new ArrayList<>();
    Hash parent = Hash.ZERO;
    for (int n = 0; n <= head; n++) {
      BlockBody body = body(n, "main");
      BlockHeader header = BlockHeader.builder().parentHash(parent).number(n).timestamp(1_700_000_000L + 12L * n)
          .gasLimit(30_000_000).baseFeePerGas(BigInteger.valueOf(7)).ommersHash(Keccak.EMPTY_LIST)
          .transactionsRoot(TrieRoot.ofOrdered(body.transactions())).withdrawalsRoot(withdrawalsRoot(body)).build();
      out.add(new Block(header, body));
      parent = header.hash();
    }
    return new TestBlocks(out);
  }

  static BlockBody body(int n, String tag) {
    List<byte[]> txs = new ArrayList<>();
    for (int i = 0; i < n % 3; i++) {
      byte[] payload = (tag + " tx " + n + "/" + i).getBytes(StandardCharsets.US_ASCII);
      byte[] envelope = new byte[payload.length + 1];
      envelope[0] = 0x02;
      System.arraycopy(payload, 0, envelope, 1, payload.length);
      txs.add(envelope);
    }
    return new BlockBody(txs, List.of(), List.of(new Withdrawal(n, 1000 + n, Address.ZERO, 32L * n)));
  }

  private static Hash withdrawalsRoot(BlockBody body) {
    List<byte[]> encoded = new ArrayList<>();
    for (Withdrawal w : body.withdrawals()) {
      encoded.add(w.encode());
    }
    return TrieRoot.ofOrdered(encoded);
  }

  /** A body that decodes well and matches no block of the chain. */
  static BlockBody wrongBody(int n) {
    BlockBody real = body(n, "main");
    List<byte[]> txs = new ArrayList<>(real.transactions());
    txs.add(new byte[] {0x02, 'f', 'o', 'r', 'g', 'e', 'd'});
    return new BlockBody(txs, List.of(), real.withdrawals());
  }

  Block block(long n) {
    return blocks.get((int) n);
  }

  BlockHeader header(long n) {
    return block(n).header();
  }

  BlockBody body(long n) {
    return block(n).body();
  }

  Hash hash(long n) {
    return block(n).hash();
  }

  int headNumber() {
    return blocks.size() - 1;
  }

  OptionalInt numberOf(Hash hash) {
    Integer n = numbers.get(hash);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }
}
