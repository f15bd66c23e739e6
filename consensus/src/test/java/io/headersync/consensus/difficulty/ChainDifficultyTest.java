package io.headersync.consensus.difficulty;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.Fork;
import io.headersync.core.testdata.TestData;
import io.headersync.core.testdata.TestData.HeaderLine;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The difficulty of every block of real chains follows from its parent. */
class ChainDifficultyTest {

  @Test
  void mainnetFirst16384Blocks() {
    ChainSpec mainnet = Schedules.fromNetworksJson(TestData.require("vectors/network-params/networks.json"), "mainnet");
    int checked = checkEveryBlock(mainnet, TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz"));
    assertThat(checked).isEqualTo(16_383);
  }

  /**
   * Sepolia starts at the minimum difficulty with every fork through London at genesis, so its
   * blocks exercise the uncle-aware formula and the floor (networks.json writes this as one
   * "homestead..london" key).
   */
  @Test
  void sepoliaFirst40960Blocks() {
    Map<Fork, Long> forks = new EnumMap<>(Fork.class);
    for (Fork f : Fork.values()) {
      if (f.ordinal() <= Fork.LONDON.ordinal()) {
        forks.put(f, 0L);
      }
    }
    ChainSpec sepolia = Schedules.withForks("sepolia", forks);
    List<HeaderLine> lines = TestData.headerLines("sepolia/sepolia-headers-0-40959.txt.gz");
    int checked = checkEveryBlock(sepolia, lines);
    assertThat(checked).isEqualTo(40_959);
  }

  private static int checkEveryBlock(ChainSpec spec, List<HeaderLine> lines) {
    BlockHeader parent = null;
    int checked = 0;
    for (HeaderLine line : lines) {
      BlockHeader header = BlockHeader.decode(line.rlp());
      if (parent != null) {
        assertThat(header.number()).isEqualTo(parent.number() + 1);
        BigInteger want = DifficultyCalculator.expected(spec, parent, header.timestamp());
        assertThat(header.difficulty()).as("%s block %d", spec.name(), header.number()).isEqualTo(want);
        checked++;
      }
      parent = header;
    }
    return checked;
  }
}
