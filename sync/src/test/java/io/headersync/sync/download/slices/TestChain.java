package io.headersync.sync.download.slices;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.checkpoint.CheckpointHashes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Small linked chains of plain headers, and forks of them, for state machine tests. */
final class TestChain {

  final List<BlockHeader> headers;

  private TestChain(List<BlockHeader> headers) {
    this.headers = List.copyOf(headers);
  }

  /** Blocks 0..length-1; {@code salt} makes chains of different salt differ from block 1 on. */
  static TestChain build(int length, int salt, long difficulty) {
    List<BlockHeader> out = new ArrayList<>(length);
    out.add(header(Hash.ZERO, 0, 0, difficulty));
    for (int n = 1; n < length; n++) {
      out.add(header(out.get(n - 1).hash(), n, salt, difficulty));
    }
    return new TestChain(out);
  }

  static TestChain build(int length) {
    return build(length, 0, 131_072);
  }

  /** This chain up to {@code at}, then {@code length} blocks of its own. */
  TestChain fork(long at, int length, int salt, long difficulty) {
    List<BlockHeader> out = new ArrayList<>(headers.subList(0, (int) at + 1));
    for (int i = 0; i < length; i++) {
      out.add(header(out.getLast().hash(), at + 1 + i, salt, difficulty));
    }
    return new TestChain(out);
  }

  private static BlockHeader header(Hash parent, long number, int salt, long difficulty) {
    return BlockHeader.builder().parentHash(parent).number(number).difficulty(BigInteger.valueOf(difficulty))
        .gasLimit(5000 + salt).timestamp(1_000 + 13L * number).build();
  }

  BlockHeader get(long number) {
    return headers.get((int) number);
  }

  BlockHeader head() {
    return headers.getLast();
  }

  List<BlockHeader> range(long first, int count) {
    return headers.subList((int) first, (int) first + count);
  }

  /** The same slice with its last header's hash changed (a byte of its state root flipped). */
  List<BlockHeader> rangeWithCorruptLast(long first, int count) {
    List<BlockHeader> out = new ArrayList<>(range(first, count));
    BlockHeader last = out.getLast();
    out.set(out.size() - 1, last.toBuilder().stateRoot(Hash.wrap(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32})).build());
    return out;
  }

  /** Checkpoints every {@code step} blocks from 0 up to {@code upTo}. */
  CheckpointHashes checkpoints(long step, long upTo) {
    TreeMap<Long, Hash> map = new TreeMap<>();
    for (long n = 0; n <= upTo; n += step) {
      map.put(n, get(n).hash());
    }
    return CheckpointHashes.of(map);
  }
}
