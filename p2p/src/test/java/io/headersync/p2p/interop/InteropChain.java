package io.headersync.p2p.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.chain.BlobSchedule;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.ForkId;
import io.headersync.core.chain.SealEngine;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.testkit.chain.ChainBuilder;
import io.headersync.testkit.chain.LazyHeaderChain;
import io.headersync.testkit.chain.PostMergeRecipe;
import io.headersync.testkit.chain.SyntheticBodies;
import io.headersync.testkit.chain.WithBodiesRecipe;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chain both sides of an interop test agree on: a testkit chain of Cancun-shaped post-merge
 * headers (each committing to a small synthetic body) whose header 0 is the genesis, every fork up to Cancun active from genesis and Prague
 * scheduled far in the future (so the fork id has a non-zero "next", which both sides must encode
 * and check alike). headersync gets a {@link ChainSpec}; ethereumjs gets the same schedule as a
 * geth-style {@code config} and computes its fork id by itself.
 */
final class InteropChain {

  /** Chain and network id of the test network (ethereumjs uses one value for both). */
  static final long NETWORK_ID = 31_337;

  /** Prague's time on the test network: after every header of the chain, so only "next" shows it. */
  static final long PRAGUE_TIME = 4_000_000_000L;

  private final LazyHeaderChain chain;
  private final ChainSpec spec;

  private InteropChain(LazyHeaderChain chain) {
    this.chain = chain;
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    for (Fork fork : Fork.values()) {
      if (fork.ordinal() <= Fork.CANCUN.ordinal() && fork != Fork.DAO) {
        forks.put(fork, 0L);
      }
    }
    forks.put(Fork.PRAGUE, PRAGUE_TIME);
    Map<Fork, BlobSchedule> blobs = Map.of(
        Fork.CANCUN, PostMergeRecipe.Shape.CANCUN.blobs(), Fork.PRAGUE, PostMergeRecipe.Shape.PRAGUE.blobs());
    this.spec = new ChainSpec("interop", NETWORK_ID, NETWORK_ID, chain.header(0), forks, BigInteger.ZERO, blobs,
        new SealEngine.None(), List.of());
  }

  /** A chain of {@code length + 1} headers, numbers 0 to {@code length}. */
  static InteropChain of(long length, long seed) {
    return new InteropChain(ChainBuilder.withRecipe(new WithBodiesRecipe(PostMergeRecipe.mainnetLike(PostMergeRecipe.Shape.CANCUN)))
        .seed(seed).length(length).build());
  }

  LazyHeaderChain headers() {
    return chain;
  }

  ChainSpec spec() {
    return spec;
  }

  long headNumber() {
    return chain.headNumber();
  }

  BlockHeader head() {
    return chain.header(chain.headNumber());
  }

  Hash genesisHash() {
    return spec.genesisHash();
  }

  BigInteger headTotalDifficulty() {
    return chain.totalDifficulty(chain.headNumber());
  }

  /** The fork id headersync announces with the chain's head. */
  ForkId forkId() {
    return ForkId.of(spec, head().number(), head().timestamp());
  }

  /** The fork schedule as a geth genesis {@code config}, for ethereumjs' Common. */
  ObjectNode gethConfig() {
    ObjectNode config = EthereumJs.json().createObjectNode().put("chainId", NETWORK_ID);
    for (String blockFork : List.of("homesteadBlock", "eip150Block", "eip155Block", "eip158Block", "byzantiumBlock",
        "constantinopleBlock", "petersburgBlock", "istanbulBlock", "muirGlacierBlock", "berlinBlock", "londonBlock",
        "arrowGlacierBlock", "grayGlacierBlock", "mergeNetsplitBlock")) {
      config.put(blockFork, 0);
    }
    config.put("terminalTotalDifficulty", 0).put("terminalTotalDifficultyPassed", true);
    config.put("shanghaiTime", 0).put("cancunTime", 0).put("pragueTime", PRAGUE_TIME);
    ObjectNode blobs = config.putObject("blobSchedule");
    blobSchedule(blobs.putObject("cancun"), PostMergeRecipe.Shape.CANCUN.blobs());
    blobSchedule(blobs.putObject("prague"), PostMergeRecipe.Shape.PRAGUE.blobs());
    return config;
  }

  private static void blobSchedule(ObjectNode node, BlobSchedule schedule) {
    node.put("target", schedule.target()).put("max", schedule.max())
        .put("baseFeeUpdateFraction", schedule.baseFeeUpdateFraction());
  }

  /** Writes headers {@code from..to} as RLP hex, one a line. */
  Path writeHeaders(Path file, long from, long to) {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (long n = from; n <= to; n++) {
        out.write(Hex.encodeBare(chain.header(n).encoded()));
        out.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
    return file;
  }

  /** Writes the bodies of blocks {@code from..to} as RLP hex, one a line, matching {@link #writeHeaders}. */
  Path writeBodies(Path file, long from, long to) {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (long n = from; n <= to; n++) {
        out.write(Hex.encodeBare(SyntheticBodies.bodyFor(chain.header(n)).encode()));
        out.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
    return file;
  }

  /** A store holding the whole chain as canonical, with total difficulties (no bodies). */
  InMemoryHeaderStore fullStore() {
    InMemoryHeaderStore store = InMemoryHeaderStore.create(genesisHash());
    WriteBatch batch = new WriteBatch();
    for (long n = 0; n <= chain.headNumber(); n++) {
      batch.putCanonicalHeader(chain.header(n), chain.totalDifficulty(n));
      if (batch.size() >= 1024) {
        store.commit(batch);
        batch = new WriteBatch();
      }
    }
    store.commit(batch);
    return store;
  }

  /** A store with the genesis only: a node about to sync. */
  InMemoryHeaderStore genesisStore() {
    InMemoryHeaderStore store = InMemoryHeaderStore.create(genesisHash());
    store.commit(new WriteBatch().putCanonicalHeader(chain.header(0), chain.totalDifficulty(0)));
    return store;
  }

  /**
   * The hashes a correct peer answers to GetBlockHeaders, worked out from the chain alone: from
   * the origin, {@code skip + 1} apart, downwards when {@code reverse}, stopping at either end of
   * the chain; nothing for an unknown origin.
   */
  List<String> expectedHashes(Optional<Long> originNumber, int limit, int skip, boolean reverse) {
    List<String> out = new ArrayList<>();
    if (originNumber.isEmpty()) {
      return out;
    }
    long n = originNumber.get();
    for (int i = 0; i < limit && n >= 0 && n <= chain.headNumber(); i++) {
      out.add(chain.header(n).hash().toString());
      n += reverse ? -(skip + 1L) : skip + 1L;
    }
    return out;
  }
}
