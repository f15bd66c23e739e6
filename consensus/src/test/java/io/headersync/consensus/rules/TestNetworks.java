package io.headersync.consensus.rules;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.BlobSchedule;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chain specs for the network names of the public blockchain test vectors: a fork name
 * ({@code "London"}, {@code "Cancun"}) activates every fork up to it at genesis; a transition
 * ({@code "BerlinToLondonAt5"}, {@code "ParisToShanghaiAtTime15k"},
 * {@code "ArrowGlacierToParisAtDiffC0000"}) activates the first fork at genesis and the second at
 * the block, timestamp or terminal total difficulty named.
 *
 * <p>The DAO fork is only part of a network that names it: the test networks do not take it.
 * Seals are never checked by the header rules, so the seal engine is only a label here.
 */
final class TestNetworks {

  /** Fork names of the test vectors, in activation order. */
  private static final List<Map.Entry<String, Fork>> NAMES = List.of(
      Map.entry("Frontier", Fork.FRONTIER),
      Map.entry("Homestead", Fork.HOMESTEAD),
      Map.entry("EIP150", Fork.TANGERINE_WHISTLE),
      Map.entry("EIP158", Fork.SPURIOUS_DRAGON),
      Map.entry("Byzantium", Fork.BYZANTIUM),
      Map.entry("Constantinople", Fork.CONSTANTINOPLE),
      Map.entry("ConstantinopleFix", Fork.PETERSBURG),
      Map.entry("Istanbul", Fork.ISTANBUL),
      Map.entry("MuirGlacier", Fork.MUIR_GLACIER),
      Map.entry("Berlin", Fork.BERLIN),
      Map.entry("London", Fork.LONDON),
      Map.entry("ArrowGlacier", Fork.ARROW_GLACIER),
      Map.entry("GrayGlacier", Fork.GRAY_GLACIER),
      Map.entry("Paris", Fork.PARIS),
      Map.entry("Merge", Fork.PARIS),
      Map.entry("Shanghai", Fork.SHANGHAI),
      Map.entry("Cancun", Fork.CANCUN),
      Map.entry("Prague", Fork.PRAGUE),
      Map.entry("Osaka", Fork.OSAKA),
      Map.entry("BPO1", Fork.BPO1),
      Map.entry("BPO2", Fork.BPO2));

  /** Blob schedules of mainnet (EIP-4844, EIP-7691, EIP-7892 BPO1 and BPO2). */
  static final Map<Fork, BlobSchedule> BLOB_SCHEDULES = Map.of(
      Fork.CANCUN, new BlobSchedule(3, 6, 3_338_477),
      Fork.PRAGUE, new BlobSchedule(6, 9, 5_007_716),
      Fork.OSAKA, new BlobSchedule(6, 9, 5_007_716),
      Fork.BPO1, new BlobSchedule(10, 15, 8_346_193),
      Fork.BPO2, new BlobSchedule(14, 21, 11_684_671));

  private static final Pattern TRANSITION = Pattern.compile("(\\w+?)To(\\w+?)At(Time(\\d+)k|Diff([0-9A-Fa-f]+)|(\\d+))");

  private TestNetworks() {}

  /** The spec of network {@code name} with this genesis. */
  static ChainSpec spec(String name, BlockHeader genesis) {
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    BigInteger ttd;
    Matcher m = TRANSITION.matcher(name);
    if (m.matches()) {
      Fork from = fork(m.group(1));
      Fork to = fork(m.group(2));
      ttd = activateUpTo(from, forks);
      if (to == Fork.DAO) {
        forks.put(Fork.DAO, Long.parseLong(m.group(6)));
      } else if (m.group(5) != null) {
        if (to != Fork.PARIS) {
          throw new IllegalArgumentException("a total difficulty transition must go to Paris: " + name);
        }
        ttd = new BigInteger(m.group(5), 16);
      } else {
        long at = m.group(4) != null ? Long.parseLong(m.group(4)) * 1000 : Long.parseLong(m.group(6));
        if (to.timeBased() != (m.group(4) != null)) {
          throw new IllegalArgumentException(to + " activates by " + (to.timeBased() ? "time" : "block") + ": " + name);
        }
        if (to == Fork.PARIS) {
          ttd = BigInteger.ZERO;
          forks.put(Fork.PARIS, at);
        } else {
          forks.put(to, at);
        }
      }
    } else {
      ttd = activateUpTo(fork(name), forks);
    }
    Map<Fork, BlobSchedule> blobs = new EnumMap<>(Fork.class);
    for (Map.Entry<Fork, BlobSchedule> e : BLOB_SCHEDULES.entrySet()) {
      if (forks.containsKey(e.getKey())) {
        blobs.put(e.getKey(), e.getValue());
      }
    }
    SealEngine seal = ttd != null && ttd.signum() == 0 ? new SealEngine.None() : new SealEngine.Ethash();
    return new ChainSpec(name, 1, 1, genesis, forks, ttd, blobs, seal, List.of());
  }

  /** Activates every fork up to {@code last} at genesis; answers the terminal total difficulty (0 from Paris on). */
  private static BigInteger activateUpTo(Fork last, Map<Fork, Long> forks) {
    if (last == Fork.DAO) {
      throw new IllegalArgumentException("the DAO fork is only a transition target");
    }
    BigInteger ttd = null;
    for (Map.Entry<String, Fork> e : NAMES) {
      Fork fork = e.getValue();
      if (fork.ordinal() > last.ordinal()) {
        break;
      }
      if (fork == Fork.PARIS) {
        ttd = BigInteger.ZERO; // reached by total difficulty, not by a block
      } else {
        forks.put(fork, 0L);
      }
    }
    return ttd;
  }

  private static Fork fork(String name) {
    if (name.equals("Dao")) {
      return Fork.DAO;
    }
    for (Map.Entry<String, Fork> e : NAMES) {
      if (e.getKey().equals(name)) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException("unknown network or fork name: " + name);
  }
}
