package io.headersync.consensus.difficulty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.chain.SealEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Chain specs for difficulty tests: a fork (and all before it) from block zero, or a real schedule. */
final class Schedules {

  private Schedules() {}

  /** A proof-of-work chain whose forks activate at the given blocks. */
  static ChainSpec withForks(String name, Map<Fork, Long> forks) {
    return new ChainSpec(name, 1, 1, BlockHeader.builder().build(), forks, null, Map.of(), new SealEngine.Ethash(), List.of());
  }

  /** {@code fork} and every fork before it active from block zero. */
  static ChainSpec from(Fork fork) {
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    for (Fork f : Fork.values()) {
      if (f.ordinal() <= fork.ordinal()) {
        forks.put(f, 0L);
      }
    }
    return withForks(fork.name(), forks);
  }

  /** The fork a test file calls "ArrowGlacier", "Homestead", "Berlin", … */
  static Optional<Fork> forkNamed(String name) {
    for (Fork f : Fork.values()) {
      if (f.name().replace("_", "").equalsIgnoreCase(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The block-based forks of a network in {@code network-params/networks.json}. Keys there read
   * {@code "homestead"}, {@code "tangerineWhistle(EIP150)"}, {@code "muirGlacier"}; keys that are
   * times or the terminal total difficulty are left out, as difficulty never depends on them.
   */
  static ChainSpec fromNetworksJson(Path networksJson, String network) {
    JsonNode forksNode;
    try {
      forksNode = new ObjectMapper().readTree(networksJson.toFile()).path("networks").path(network).path("forks");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!forksNode.isObject()) {
      throw new IllegalStateException(networksJson + ": no networks." + network + ".forks object");
    }
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    forks.put(Fork.FRONTIER, 0L);
    for (Iterator<Map.Entry<String, JsonNode>> it = forksNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      int paren = key.indexOf('(');
      String bare = paren < 0 ? key : key.substring(0, paren);
      Optional<Fork> fork = forkNamed(bare.equals("daoFork") ? "dao" : bare);
      if (fork.isPresent() && !fork.get().timeBased() && e.getValue().canConvertToLong()) {
        forks.put(fork.get(), e.getValue().asLong());
      }
    }
    return withForks(network, forks);
  }

  /**
   * Ropsten's proof-of-work schedule (chain id 3), which the shared network parameters do not
   * carry because the network is retired: Homestead and Tangerine Whistle from genesis, Spurious
   * Dragon at 10, Byzantium at 1,700,000, Constantinople at 4,230,000, Petersburg at 4,939,394,
   * Istanbul at 6,485,846, Muir Glacier at 7,117,117, Berlin at 9,812,189, London at 10,499,401.
   */
  static ChainSpec ropsten() {
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    forks.put(Fork.FRONTIER, 0L);
    forks.put(Fork.HOMESTEAD, 0L);
    forks.put(Fork.TANGERINE_WHISTLE, 0L);
    forks.put(Fork.SPURIOUS_DRAGON, 10L);
    forks.put(Fork.BYZANTIUM, 1_700_000L);
    forks.put(Fork.CONSTANTINOPLE, 4_230_000L);
    forks.put(Fork.PETERSBURG, 4_939_394L);
    forks.put(Fork.ISTANBUL, 6_485_846L);
    forks.put(Fork.MUIR_GLACIER, 7_117_117L);
    forks.put(Fork.BERLIN, 9_812_189L);
    forks.put(Fork.LONDON, 10_499_401L);
    return withForks("ropsten", forks);
  }
}
