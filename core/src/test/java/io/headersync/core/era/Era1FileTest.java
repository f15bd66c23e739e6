package io.headersync.core.era;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.bytes.Hash;
import io.headersync.core.source.SourceBlock;
import io.headersync.core.testdata.TestData;
import io.headersync.rlp.RlpReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reads every real era1 file in the shared data and checks it against the decoded header lists. */
class Era1FileTest {

  private static final String MAINNET_LINES = "mainnet/mainnet-headers-0-16383.txt.gz";
  private static final String SEPOLIA_LINES = "sepolia/sepolia-headers-0-40959.txt.gz";

  @Test
  void mainnetEra1FilesReadFullyAndMatchTheHistoricalAccumulator() throws Exception {
    List<Path> files = era1Files("mainnet/era1");
    List<TestData.HeaderLine> lines = TestData.headerLines(MAINNET_LINES);
    HistoricalAccumulator historical =
        HistoricalAccumulator.load(TestData.require("mainnet/portal/accumulator/historical_hashes_accumulator.ssz"));

    SourceBlock head = readChain(files, lines, historical);

    assertThat(files).hasSize(2);
    assertThat(head.header().number()).isEqualTo(16383);
    assertThat(head.header().hash()).isEqualTo(lines.get(16383).hash());
  }

  @Test
  void sepoliaEra1FilesReadFully() throws Exception {
    List<Path> files = era1Files("sepolia/era1");
    List<TestData.HeaderLine> lines = TestData.headerLines(SEPOLIA_LINES);

    SourceBlock head = readChain(files, lines, null);

    assertThat(files).hasSize(5);
    assertThat(head.header().number()).isEqualTo(40959);
    assertThat(head.header().hash()).isEqualTo(lines.get(40959).hash());
  }

  /**
   * Streams every file in order and checks each block against the decoded lines; returns the
   * last block.
   */
  private static SourceBlock readChain(List<Path> files, List<TestData.HeaderLine> lines, HistoricalAccumulator historical)
      throws Exception {
    SourceBlock previous = null;
    long expected = 0;
    for (Path path : files) {
      EpochAccumulator ours = new EpochAccumulator();
      try (Era1Source source = Era1Source.open(path)) {
        Era1File file = source.file();
        assertThat(file.startNumber()).isEqualTo(expected);
        assertThat(file.blockCount()).isEqualTo(8192);
        for (Optional<SourceBlock> next = source.next(); next.isPresent(); next = source.next()) {
          SourceBlock block = next.get();
          TestData.HeaderLine line = lines.get((int) expected);
          assertThat(block.header().number()).isEqualTo(expected);
          assertThat(block.header().encoded()).isEqualTo(line.rlp());
          assertThat(block.header().hash()).isEqualTo(line.hash());
          assertThat(block.totalDifficulty()).isEqualTo(line.totalDifficulty());
          if (previous != null) {
            assertThat(block.header().parentHash()).as("parent of %d", expected).isEqualTo(previous.header().hash());
            assertThat(block.totalDifficulty()).isEqualTo(previous.totalDifficulty().add(block.header().difficulty()));
          }
          assertThat(block.bodyRlp()).isNotNull();
          assertThat(RlpReader.wrap(block.bodyRlp()).readList().hasNext()).isTrue(); // [transactions, ommers]
          assertThat(block.location()).isEqualTo(path + ":" + file.headerOffset((int) (expected - file.startNumber())));
          ours.add(block.header().hash(), block.totalDifficulty());
          previous = block;
          expected++;
        }
        assertThat(expected).isEqualTo(file.startNumber() + file.blockCount());
        assertThat(ours.root()).isEqualTo(file.accumulatorRoot());
        assertThat(source.computedAccumulatorRoot()).isEqualTo(file.accumulatorRoot());
        // era1 file names carry the first four bytes of the accumulator root
        assertThat(path.getFileName().toString()).contains(file.accumulatorRoot().toHex().substring(2, 10));
        if (historical != null) {
          EpochCheck check = historical.verifyEpoch((int) file.epoch(), file.accumulatorRoot());
          assertThat(check).isEqualTo(new EpochCheck.Verified((int) file.epoch(), file.accumulatorRoot()));
        }
      }
    }
    assertThat(previous).isNotNull();
    return previous;
  }

  @Test
  void randomAccessThroughTheIndexMatchesTheStream() throws Exception {
    Path path = TestData.require("sepolia/era1/sepolia-00002-dcb01f4d.era1");
    List<TestData.HeaderLine> lines = TestData.headerLines(SEPOLIA_LINES);
    try (Era1File file = Era1File.open(path)) {
      for (int i : new int[] {8191, 0, 4096, 1, 8190, 17}) {
        SourceBlock block = file.block(i);
        long number = 16384 + i;
        assertThat(block.header().hash()).isEqualTo(lines.get((int) number).hash());
        assertThat(block.totalDifficulty()).isEqualTo(lines.get((int) number).totalDifficulty());
        assertThat(file.blockByNumber(number).header()).isEqualTo(block.header());
        assertThat(RlpReader.wrap(file.receipts(i)).nextIsList()).isTrue();
      }
      // reading by index leaves the stream unaffected
      try (Era1Source source = file.newSource()) {
        assertThat(source.next().orElseThrow().header().number()).isEqualTo(16384);
      }
      assertThat(file.block(5).header().number()).isEqualTo(16389);
    }
  }

  @Test
  void headersOnlySkipsBodies() throws Exception {
    Path path = TestData.require("mainnet/era1/mainnet-00001-a5364e9a.era1");
    int blocks = 0;
    try (Era1Source source = Era1Source.open(path, Era1Config.HEADERS_ONLY)) {
      for (Optional<SourceBlock> b = source.next(); b.isPresent(); b = source.next()) {
        assertThat(b.get().bodyRlp()).isNull();
        assertThat(b.get().totalDifficulty()).isNotNull();
        blocks++;
      }
      assertThat(source.next()).isEmpty();
    }
    assertThat(blocks).isEqualTo(8192);
  }

  @Test
  void epochZeroRecordEqualsTheFirstMainnetFile() throws Exception {
    Path record = TestData.require(
        "mainnet/portal/epoch-records/0x5ec1ffb8c3b146f42606c74ced973dc16ec5a107c0345858c343fc94780b4218.bin");
    List<HeaderRecord> expected = EpochAccumulator.readEpochRecord(record);
    try (Era1File file = Era1File.open(TestData.require("mainnet/era1/mainnet-00000-5ec1ffb8.era1"), Era1Config.HEADERS_ONLY);
        Era1Source source = file.newSource()) {
      for (HeaderRecord want : expected) {
        SourceBlock block = source.next().orElseThrow();
        assertThat(new HeaderRecord(block.header().hash(), block.totalDifficulty())).isEqualTo(want);
      }
      assertThat(file.accumulatorRoot()).isEqualTo(Hash.fromHex(
          "0x5ec1ffb8c3b146f42606c74ced973dc16ec5a107c0345858c343fc94780b4218"));
    }
  }

  private static List<Path> era1Files(String folder) throws IOException {
    Path dir = TestData.require(folder);
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".era1")).sorted().toList();
    }
  }
}
