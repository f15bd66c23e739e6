package io.headersync.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.testdata.TestData;
import io.headersync.core.testdata.TestData.HeaderLine;
import io.headersync.node.testing.Cli;
import io.headersync.node.testing.HeaderFiles;
import io.headersync.node.testing.StoreSnapshot;
import io.headersync.store.ConsistencyReport;
import io.headersync.store.StoreConsistency;
import io.headersync.store.rocksdb.RocksDbHeaderStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code headersync import}: each case exits non-zero with exactly one line on
 * standard error naming the file, the offset or block, and the reason, and leaves the store as it
 * was. The store starts with mainnet blocks 0..8191, so "as it was" is more than an empty store;
 * inputs that fail after some chunks were committed ({@code --chunk 16}) check that the import
 * unwinds its own commits.
 */
class BadInputTest {

  private static final String ERA0 = "mainnet/era1/mainnet-00000-5ec1ffb8.era1";
  private static final String ERA1 = "mainnet/era1/mainnet-00001-a5364e9a.era1";

  private static List<HeaderLine> mainnet;

  @TempDir
  Path tmp;

  private Path datadir;
  private StoreSnapshot before;

  @BeforeAll
  static void readHeaders() {
    mainnet = TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz");
  }

  @BeforeEach
  void storeWithFirstEpoch() {
    datadir = tmp.resolve("data");
    Cli.Run r = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "off", TestData.require(ERA0));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    before = StoreSnapshot.of(datadir, mainnetGenesis());
    assertThat(before.head().orElseThrow().number()).isEqualTo(8191);
    assertThat(before.canonical()).hasSize(8192);
  }

  @Test
  void truncatedEra1NamesFileOffsetAndReason() throws IOException {
    Path cut = tmp.resolve("mainnet-00001-a5364e9a.era1");
    Files.copy(TestData.require(ERA1), cut);
    long size = Files.size(cut);
    try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
      ch.truncate(size * 2 / 3);
    }

    Cli.Run r = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "off", "--chunk", "16", cut);

    String line = rejected(r, ExitCodes.INVALID);
    assertThat(line).contains(cut.toString()).contains("offset").contains("truncated");
  }

  @Test
  void flippedExtraDataByteBreaksTheNextLinkAndNamesThatBlock() {
    HeaderLine victim = firstWithExtraData(8250);
    long n = victim.number();
    List<HeaderLine> lines = range(mainnet, 8192, 8300);
    Path file = HeaderFiles.write(tmp.resolve("headers.txt"), lines,
        rlp -> BlockHeader.decode(rlp).number() == n ? HeaderFiles.flipLastByteOf(rlp, HeaderFiles.EXTRA_DATA) : rlp);
    long childOffset = lineOffset(lines, n + 1);

    Cli.Run r = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "off", "--chunk", "16", file);

    String line = rejected(r, ExitCodes.INVALID);
    assertThat(line).contains(file + ":" + childOffset).contains("block " + (n + 1)).containsIgnoringCase("parent");
  }

  @Test
  void flippedDifficultyByteBreaksTheDifficultyRuleOfThatBlock() {
    long n = 8270;
    List<HeaderLine> lines = range(mainnet, 8192, 8300);
    Path file = HeaderFiles.write(tmp.resolve("headers.txt"), lines,
        rlp -> BlockHeader.decode(rlp).number() == n ? HeaderFiles.flipLastByteOf(rlp, HeaderFiles.DIFFICULTY) : rlp);

    Cli.Run r = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "off", "--chunk", "16", file);

    String line = rejected(r, ExitCodes.INVALID);
    assertThat(line).contains(file + ":" + lineOffset(lines, n)).contains("block " + n).contains("difficulty");
  }

  @Test
  void sepoliaHeadersAreRejectedByTheMainnetStore() {
    List<HeaderLine> sepolia = range(TestData.headerLines("sepolia/sepolia-headers-0-40959.txt.gz"), 8192, 8300);
    Path file = HeaderFiles.write(tmp.resolve("sepolia.txt"), sepolia);

    Cli.Run r = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "off", "--chunk", "16", file);

    String line = rejected(r, ExitCodes.INVALID);
    assertThat(line).contains(file + ":0").contains("block 8192");
  }

  @Test
  void sepoliaGenesisConflictsWithTheStoredChain() {
    Path file = TestData.require("sepolia/era1/sepolia-00000-643a00f7.era1");

    Cli.Run r = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "off", file);

    String line = rejected(r, ExitCodes.INVALID);
    assertThat(line).contains(file.toString()).contains("block 0")
        .contains(ChainSpecs.preset("sepolia").genesisHash().toHex()).contains(mainnetGenesis().toHex())
        .contains("conflicts");
  }

  @Test
  void gapNamesTheMissingAndTheFoundBlock() {
    List<HeaderLine> lines = new ArrayList<>(range(mainnet, 8192, 8300));
    lines.removeIf(l -> l.number() == 8260);
    Path file = HeaderFiles.write(tmp.resolve("gap.txt"), lines);

    Cli.Run r = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "off", "--chunk", "16", file);

    String line = rejected(r, ExitCodes.INVALID);
    assertThat(line).contains(file + ":" + lineOffset(lines, 8261)).contains("gap")
        .contains("expected block 8260").contains("found block 8261");
  }

  @Test
  void epochRootNotInTheAccumulatorIsRejected() throws IOException {
    byte[] ssz = Files.readAllBytes(TestData.require("mainnet/portal/accumulator/historical_hashes_accumulator.ssz"));
    ssz[8 + 32 + 5] ^= 1; // epoch 1's root: the list of roots starts after two 4-byte offsets
    Path accumulator = Files.write(tmp.resolve("accumulator.ssz"), ssz);
    Path era1 = TestData.require(ERA1);

    Cli.Run r = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "off",
        "--accumulator", accumulator, TestData.require(ERA0), era1);

    String line = rejected(r, ExitCodes.INVALID);
    assertThat(line).contains(era1.toString()).contains("accumulator").contains("epoch 1");
  }

  @Test
  void anotherChainsDataDirectoryIsRefusedNamingBothGeneses() {
    Path file = TestData.require("sepolia/era1/sepolia-00000-643a00f7.era1");

    Cli.Run r = Cli.run("import", "--datadir", datadir, "--chain", "sepolia", "--seal", "off", file);

    String line = rejected(r, ExitCodes.INVALID);
    assertThat(line).contains(datadir.toString()).contains(mainnetGenesis().toHex())
        .contains(ChainSpecs.preset("sepolia").genesisHash().toHex());
  }

  @Test
  void unknownFlagIsAUsageErrorNamingIt() {
    for (Cli.Run r : List.of(
        Cli.run("import", "--bogus"),
        Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--bogus", TestData.require(ERA1)))) {
      String line = usageError(r);
      assertThat(line).as(r.describe()).startsWith("import: ").contains("'--bogus'");
    }
    assertUnchanged();
  }

  @Test
  void badSampledSealModeIsAUsageErrorSayingWhatWasExpected() {
    Cli.Run r = Cli.run("import", "--datadir", datadir, "--chain", "mainnet", "--seal", "sampled:x", TestData.require(ERA1));

    String line = usageError(r);
    assertThat(line).startsWith("import: ").contains("--seal").contains("sampled:N").contains("positive integer")
        .contains("'x'");
    assertUnchanged();
  }

  /** Checks the common contract of a rejected import and returns its one error line. */
  private String rejected(Cli.Run r, int exitCode) {
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(exitCode);
    assertThat(r.errLines()).as(r.describe()).hasSize(1);
    assertThat(r.out()).as(r.describe()).isEmpty();
    assertUnchanged();
    String line = r.errLines().get(0);
    assertThat(line).startsWith("import: ");
    return line;
  }

  /** A usage error prints its reason, then one line pointing at the help; returns the reason. */
  private static String usageError(Cli.Run r) {
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.errLines()).as(r.describe()).hasSize(2);
    assertThat(r.errLines().get(1)).as(r.describe()).isEqualTo("Try 'headersync import --help' for the flags and their defaults.");
    return r.errLines().get(0);
  }

  private void assertUnchanged() {
    StoreSnapshot after = StoreSnapshot.of(datadir, mainnetGenesis());
    assertThat(after.firstDifference(before)).as("store changed by a failed command").isEmpty();
    try (var store = RocksDbHeaderStore.open(datadir, mainnetGenesis())) {
      ConsistencyReport report = StoreConsistency.check(store);
      assertThat(report.isConsistent()).as(report.toString()).isTrue();
    }
  }

  private static HeaderLine firstWithExtraData(long from) {
    return mainnet.stream()
        .filter(l -> l.number() >= from && BlockHeader.decode(l.rlp()).extraData().length >= 2)
        .findFirst().orElseThrow();
  }

  private static List<HeaderLine> range(List<HeaderLine> lines, long from, long to) {
    return lines.stream().filter(l -> l.number() >= from && l.number() <= to).toList();
  }

  /** Byte offset of block {@code number}'s line in a file written by {@link HeaderFiles#write}. */
  private static long lineOffset(List<HeaderLine> lines, long number) {
    long offset = 0;
    for (HeaderLine l : lines) {
      if (l.number() == number) {
        return offset;
      }
      offset += 2 + 2L * l.rlp().length + 1; // "0x", the hex, "\n"
    }
    throw new IllegalArgumentException("no block " + number);
  }

  private static io.headersync.core.bytes.Hash mainnetGenesis() {
    return ChainSpecs.preset("mainnet").genesisHash();
  }
}
