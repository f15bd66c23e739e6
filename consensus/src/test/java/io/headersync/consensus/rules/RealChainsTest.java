package io.headersync.consensus.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.chain.Fork;
import io.headersync.core.source.ChainRlpSource;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.testdata.TestData;
import io.headersync.core.testdata.TestData.HeaderLine;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Real chains must pass every rule: mainnet and Sepolia from genesis (proof of work, Sepolia with
 * London at genesis), and two generated test chains that walk through every fork, one of them from
 * Homestead through the merge (with a Paris block) to Osaka and the blob-parameter-only forks.
 */
class RealChainsTest {

  @Test
  void mainnetFirst16384Headers() throws InvalidHeaderException {
    assertAllValid(ChainSpecs.preset("mainnet"), TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz"));
  }

  @Test
  void sepoliaFirst40960Headers() throws InvalidHeaderException {
    assertAllValid(ChainSpecs.preset("sepolia"), TestData.headerLines("sepolia/sepolia-headers-0-40959.txt.gz"));
  }

  @Test
  void everyForkFromHomesteadToBpo2() throws Exception {
    Set<Fork> seen = walk("testchains/execution-apis");
    assertThat(seen).contains(Fork.HOMESTEAD, Fork.BYZANTIUM, Fork.LONDON, Fork.GRAY_GLACIER, Fork.PARIS, Fork.SHANGHAI, Fork.CANCUN,
        Fork.PRAGUE, Fork.OSAKA, Fork.BPO1, Fork.BPO2);
  }

  @Test
  void shanghaiToPragueTestChain() throws Exception {
    Set<Fork> seen = walk("testchains/geth-ethtest");
    assertThat(seen).contains(Fork.SHANGHAI, Fork.CANCUN, Fork.PRAGUE);
  }

  /** Validates a file of decoded headers, each against the one before with the file's total difficulty. */
  private static void assertAllValid(ChainSpec spec, List<HeaderLine> lines) throws InvalidHeaderException {
    HeaderValidator validator = new HeaderValidator(spec);
    BlockHeader genesis = BlockHeader.decode(lines.get(0).rlp());
    assertThat(genesis.hash()).isEqualTo(spec.genesisHash());
    BlockHeader parent = genesis;
    BigInteger parentTd = lines.get(0).totalDifficulty();
    for (int i = 1; i < lines.size(); i++) {
      BlockHeader header = BlockHeader.decode(lines.get(i).rlp()).withKnownHash(lines.get(i).hash());
      validator.validate(header, parent, parentTd);
      validator.validateStandalone(header);
      parent = header;
      parentTd = lines.get(i).totalDifficulty();
    }
    assertThat(parent.number()).isEqualTo(lines.size() - 1);
  }

  /** Validates a {@code chain.rlp} against its {@code genesis.json}; answers the forks its blocks were in. */
  private static Set<Fork> walk(String folder) throws Exception {
    Path dir = TestData.require(folder);
    ChainSpec spec = ChainSpecs.fromGenesisJson(dir.resolve("genesis.json"));
    HeaderValidator validator = new HeaderValidator(spec);
    BlockHeader parent = spec.genesis();
    BigInteger parentTd = parent.difficulty();
    Set<Fork> seen = EnumSet.noneOf(Fork.class);
    ValidationContext ctx = ValidationContext.of(spec);
    try (ChainRlpSource source = ChainRlpSource.open(dir.resolve("chain.rlp"))) {
      for (Optional<SourceBlock> next = source.next(); next.isPresent(); next = source.next()) {
        BlockHeader header = next.get().header();
        validator.validate(header, parent, parentTd);
        seen.add(spec.forkAt(header.number(), header.timestamp()));
        if (ctx.withParentTotalDifficulty(parentTd).isPostMerge(header)) {
          seen.add(Fork.PARIS);
        }
        parentTd = parentTd.add(header.difficulty());
        parent = header;
      }
    }
    assertThat(parent.number()).isPositive();
    return seen;
  }
}
