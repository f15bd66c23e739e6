package io.headersync.sync.download.reverse.testing;

import io.headersync.consensus.rules.HeaderValidator;
import io.headersync.consensus.rules.ParentLinkRule;
import io.headersync.consensus.rules.TimestampRule;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small linked chains of plain headers, forks of them, and a validator for their rules. */
public final class TestChain {

  private final List<BlockHeader> headers;

  private TestChain(List<BlockHeader> headers) {
    this.headers = List.copyOf(headers);
  }

  /** Blocks {@code 0..head}, difficulty {@code 1000 + n}, 12 s apart. */
  public static TestChain of(int head) {
    return extend(new ArrayList<>(), head, "main");
  }

  /** Like {@link #of(int)} but every block, genesis included, carries {@code tag}: another chain altogether. */
  public static TestChain of(int head, String tag) {
    return extend(new ArrayList<>(), head, tag);
  }

  /** The same blocks up to {@code forkPoint}, then another branch up to {@code head}. */
  public TestChain fork(int forkPoint, int head, String tag) {
    return extend(new ArrayList<>(headers.subList(0, forkPoint + 1)), head, tag);
  }

  /** A copy whose block {@code n} breaks the timestamp rule while still linking by hash. */
  public TestChain withBadTimestampAt(int n) {
    List<BlockHeader> copy = new ArrayList<>(headers.subList(0, n));
    BlockHeader parent = copy.getLast();
    copy.add(headers.get(n).toBuilder().parentHash(parent.hash()).timestamp(parent.timestamp()).build());
    return extend(copy, headers.size() - 1, "bad");
  }

  private static TestChain extend(List<BlockHeader> chain, int head, String tag) {
    for (int n = chain.size(); n <= head; n++) {
      Hash parent = n == 0 ? Hash.ZERO : chain.get(n - 1).hash();
      long time = n == 0 ? 1_000 : chain.get(n - 1).timestamp() + 12;
      chain.add(BlockHeader.builder().parentHash(parent).number(n).difficulty(BigInteger.valueOf(1000 + n))
          .gasLimit(30_000_000).timestamp(time).extraData(tag.getBytes(StandardCharsets.US_ASCII)).build());
    }
    return new TestChain(chain);
  }

  public BlockHeader get(long n) {
    return headers.get((int) n);
  }

  public BlockHeader head() {
    return headers.getLast();
  }

  public int headNumber() {
    return headers.size() - 1;
  }

  public BlockHeader genesis() {
    return headers.getFirst();
  }

  public List<BlockHeader> headers() {
    return headers;
  }

  /** Up to {@code count} headers from {@code top} downwards, stopping at block 0. */
  public List<BlockHeader> descending(long top, int count) {
    List<BlockHeader> out = new ArrayList<>();
    for (long n = top; n >= 0 && out.size() < count && n < headers.size(); n--) {
      out.add(headers.get((int) n));
    }
    return out;
  }

  /** Total difficulty of block {@code n}: the sum of difficulties from block 0. */
  public BigInteger totalDifficulty(long n) {
    BigInteger td = BigInteger.ZERO;
    for (int i = 0; i <= n; i++) {
      td = td.add(headers.get(i).difficulty());
    }
    return td;
  }

  public static ChainSpec spec(BlockHeader genesis) {
    return new ChainSpec("test", 1, 1, genesis, Map.of(Fork.FRONTIER, 0L), null, Map.of(), new SealEngine.Ethash(), List.of());
  }

  /** Parent link and timestamp rules: what these synthetic headers are made to follow. */
  public static HeaderValidator validator(BlockHeader genesis) {
    return new HeaderValidator(spec(genesis), List.of(new ParentLinkRule(), new TimestampRule()));
  }
}
