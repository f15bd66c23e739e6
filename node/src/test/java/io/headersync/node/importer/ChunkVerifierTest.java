package io.headersync.node.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.consensus.seal.SealMode;
import io.headersync.consensus.seal.SealVerifiers;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.testdata.TestData;
import io.headersync.core.testdata.TestData.HeaderLine;
import io.headersync.node.testing.HeaderFiles;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ChunkVerifier} on real mainnet headers: how a run starts, links, gaps, total difficulty, bodies, seals. */
class ChunkVerifierTest {

  private static final ChainSpec MAINNET = ChainSpecs.preset("mainnet");
  /** An RLP body with no transactions and no ommers: {@code [[], []]}. */
  private static final byte[] EMPTY_BODY = {(byte) 0xc2, (byte) 0xc0, (byte) 0xc0};

  private static List<HeaderLine> lines;

  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void readHeaders() {
    lines = TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz");
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void runFromGenesisComputesEveryTotalDifficulty() throws ImportException {
    ChunkVerifier.Verified v = verifier(SealMode.OFF).verify(blocks(0, 300, noTd()), null);

    assertThat(v.tip().number()).isEqualTo(300);
    assertThat(v.tip().header().hash()).isEqualTo(lines.get(300).hash());
    for (int i = 0; i <= 300; i++) {
      assertThat(v.headers().get(i).hash()).isEqualTo(lines.get(i).hash());
      assertThat(v.totalDifficulties().get(i)).as("TD of block %d", i).isEqualTo(lines.get(i).totalDifficulty());
    }
  }

  @Test
  void runContinuesFromTheTipOfTheChunkBefore() throws ImportException {
    ChunkVerifier verifier = verifier(SealMode.OFF);
    ChainTip tip = verifier.verify(blocks(0, 99, noTd()), null).tip();

    ChunkVerifier.Verified next = verifier.verify(blocks(100, 199, noTd()), tip);

    assertThat(next.tip().number()).isEqualTo(199);
    assertThat(next.tip().totalDifficulty()).isEqualTo(lines.get(199).totalDifficulty());
  }

  @Test
  void blockZeroOfAnotherChainIsNotOurGenesis() {
    HeaderLine sepoliaGenesis = TestData.headerLines("sepolia/sepolia-headers-0-40959.txt.gz").get(0);
    SourceBlockList chunk = new SourceBlockList().add(sepoliaGenesis, null, null, "sepolia.txt:0");

    assertThatThrownBy(() -> verifier(SealMode.OFF).verify(chunk.list, null))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.kind()).isEqualTo(ImportException.Kind.INVALID))
        .hasMessageStartingWith("sepolia.txt:0: block 0 " + sepoliaGenesis.hash())
        .hasMessageContaining("not the genesis of mainnet (" + MAINNET.genesisHash() + ")");
  }

  @Test
  void runStartingMidChainHasNoTotalDifficultyUntilAFileRecordsOne() throws ImportException {
    ChunkVerifier verifier = verifier(SealMode.OFF);

    ChunkVerifier.Verified unknown = verifier.verify(blocks(1000, 1100, noTd()), null);
    assertThat(unknown.tip().number()).isEqualTo(1100);
    assertThat(unknown.totalDifficulties()).containsOnlyNulls();

    ChunkVerifier.Verified recorded = verifier.verify(blocks(1000, 1100, l -> l.number() == 1000 ? l.totalDifficulty() : null), null);
    assertThat(recorded.tip().totalDifficulty()).isEqualTo(lines.get(1100).totalDifficulty());
    assertThat(recorded.totalDifficulties().get(50)).isEqualTo(lines.get(1050).totalDifficulty());
  }

  @Test
  void firstBlockOfARunIsCheckedAloneByTheRulesThatNeedNoParent() {
    HeaderLine l = lines.get(500);
    BlockHeader tooMuchExtra = BlockHeader.decode(l.rlp()).toBuilder().extraData(new byte[33]).build();
    List<SourceBlock> chunk = List.of(
        new SourceBlock(tooMuchExtra, null, null, "file:0"));

    assertThatThrownBy(() -> verifier(SealMode.OFF).verify(chunk, null))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith("file:0: block 500 ")
        .hasMessageContaining("extraData");
  }

  @Test
  void gapInsideAChunkNamesTheExpectedAndTheFoundBlock() throws ImportException {
    ChunkVerifier verifier = verifier(SealMode.OFF);
    ChainTip tip = verifier.verify(blocks(0, 9, noTd()), null).tip();
    SourceBlockList chunk = new SourceBlockList();
    for (int n = 10; n <= 20; n++) {
      if (n != 15) {
        chunk.add(lines.get(n), null, null, "gap.txt:" + n);
      }
    }

    assertThatThrownBy(() -> verifier.verify(chunk.list, tip))
        .isInstanceOf(ImportException.class)
        .hasMessage("gap.txt:16: gap: expected block 15, found block 16");
  }

  @Test
  void chunkThatDoesNotStartAfterTheTipIsAGap() throws ImportException {
    ChunkVerifier verifier = verifier(SealMode.OFF);
    ChainTip tip = verifier.verify(blocks(0, 9, noTd()), null).tip();

    assertThatThrownBy(() -> verifier.verify(blocks(11, 20, noTd()), tip))
        .isInstanceOf(ImportException.class)
        .hasMessage("test:11: gap: expected block 10, found block 11");
  }

  @Test
  void totalDifficultyRecordThatDisagreesIsRejected() throws ImportException {
    ChunkVerifier verifier = verifier(SealMode.OFF);
    ChainTip tip = verifier.verify(blocks(0, 9, noTd()), null).tip();
    HeaderLine bad = lines.get(14);
    BigInteger wrong = bad.totalDifficulty().add(BigInteger.ONE);

    assertThatThrownBy(() -> verifier.verify(blocks(10, 20, l -> l.number() == 14 ? wrong : l.totalDifficulty()), tip))
        .isInstanceOf(ImportException.class)
        .hasMessage("test:14: block 14 " + bad.hash() + ": totalDifficulty record expected " + bad.totalDifficulty()
            + ", found " + wrong);
  }

  @Test
  void totalDifficultyRecordsThatAgreeAreAccepted() throws ImportException {
    ChunkVerifier.Verified v = verifier(SealMode.OFF).verify(blocks(0, 200, HeaderLine::totalDifficulty), null);

    assertThat(v.tip().totalDifficulty()).isEqualTo(lines.get(200).totalDifficulty());
  }

  @Test
  void bodyIsCheckedAgainstItsHeader() throws ImportException {
    HeaderLine withOmmers = lines.stream()
        .filter(l -> l.number() > 0 && !BlockHeader.decode(l.rlp()).ommersHash().equals(Keccak.EMPTY_LIST))
        .findFirst().orElseThrow();
    long n = withOmmers.number();
    ChunkVerifier verifier = verifier(SealMode.OFF);
    ChainTip tip = verifier.verify(blocks(0, n - 2, noTd()), null).tip();
    SourceBlockList chunk = new SourceBlockList()
        .add(lines.get((int) n - 1), EMPTY_BODY, null, "test:" + (n - 1)) // an empty block: the empty body is right
        .add(withOmmers, EMPTY_BODY, null, "test:" + n);

    assertThatThrownBy(() -> verifier.verify(chunk.list, tip))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith("test:" + n + ": ")
        .hasMessageContaining("block " + n)
        .hasMessageContaining("sha3Uncles");
  }

  @Test
  void everySealIsCheckedInFullMode() throws ImportException {
    ChunkVerifier verifier = verifier(SealMode.FULL);
    ChainTip tip = verifier.verify(blocks(0, 30, noTd()), null).tip();
    assertThat(tip.number()).isEqualTo(30);

    // A different nonce keeps every rule and link but breaks the proof of work of block 31.
    HeaderLine victim = lines.get(31);
    BlockHeader forged = BlockHeader.decode(HeaderFiles.flipLastByteOf(victim.rlp(), HeaderFiles.NONCE));
    List<SourceBlock> chunk = List.of(
        new SourceBlock(forged, null, null, "forged:31"));

    assertThatThrownBy(() -> verifier.verify(chunk, tip))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith("forged:31: block 31 " + forged.hash())
        .hasMessageContaining("ethash");
  }

  private ChunkVerifier verifier(SealMode mode) {
    var seals = SealVerifiers.forChain(MAINNET, mode);
    ChunkVerifier v = new ChunkVerifier(MAINNET, seals, 2);
    open.add(v);
    open.add(seals);
    return v;
  }

  private static Function<HeaderLine, BigInteger> noTd() {
    return l -> null;
  }

  /** Blocks {@code from..to} with headers only, located as {@code test:NUMBER}. */
  private static List<SourceBlock> blocks(long from, long to, Function<HeaderLine, BigInteger> td) {
    SourceBlockList out = new SourceBlockList();
    for (long n = from; n <= to; n++) {
      HeaderLine l = lines.get((int) n);
      out.add(l, null, td.apply(l), "test:" + n);
    }
    return out.list;
  }

  private static final class SourceBlockList {
    final List<SourceBlock> list = new ArrayList<>();

    SourceBlockList add(HeaderLine l, byte[] body, BigInteger td, String location) {
      list.add(new SourceBlock(BlockHeader.decode(l.rlp()), body, td, location));
      return this;
    }
  }
}
