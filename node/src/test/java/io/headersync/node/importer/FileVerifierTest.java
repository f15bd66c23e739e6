package io.headersync.node.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.consensus.seal.SealMode;
import io.headersync.consensus.seal.SealVerifier;
import io.headersync.consensus.seal.SealVerifiers;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.chain.ChainSpec;
import io.headersync.core.chain.ChainSpecs;
import io.headersync.core.testdata.TestData;
import io.headersync.core.testdata.TestData.HeaderLine;
import io.headersync.node.testing.HeaderFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileVerifier}: files are one input in order; a file that follows the previous one is
 * checked against its last block, one that does not (or follows a failed file) starts a new run.
 */
class FileVerifierTest {

  private static final ChainSpec MAINNET = ChainSpecs.preset("mainnet");
  /** Small chunks so that a 100-block file is several chunks. */
  private static final ImportConfig CONFIG = new ImportConfig(32, 2, Duration.ofSeconds(5));

  private static List<HeaderLine> lines;

  @TempDir
  Path tmp;

  private SealVerifier seals;
  private ChunkVerifier chunks;
  private FileVerifier verifier;

  @BeforeAll
  static void readHeaders() {
    lines = TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz");
  }

  @BeforeEach
  void setUp() {
    seals = SealVerifiers.forChain(MAINNET, SealMode.OFF);
    chunks = new ChunkVerifier(MAINNET, seals, 2);
    verifier = new FileVerifier(chunks, null, CONFIG);
  }

  @AfterEach
  void tearDown() {
    chunks.close();
    seals.close();
  }

  @Test
  void consecutiveFilesAreOneChain() {
    Path a = file("a.txt", 0, 99);
    Path b = file("b.txt", 100, 199);

    List<FileVerifier.FileReport> reports = verifier.verify(List.of(a, b));

    assertThat(reports).containsExactly(
        new FileVerifier.FileReport(a, 0, 99, 100, lines.get(99).hash(), List.of()),
        new FileVerifier.FileReport(b, 100, 199, 100, lines.get(199).hash(), List.of()));
  }

  @Test
  void fileThatFollowsIsCheckedAgainstThePreviousFilesLastBlock() {
    // a's last block gets another mix hash (no rule looks at it with seals off, so a passes) and
    // b's first block no longer links to it.
    Path a = HeaderFiles.write(tmp.resolve("a.txt"), range(0, 99),
        rlp -> BlockHeader.decode(rlp).number() == 99 ? HeaderFiles.flipLastByteOf(rlp, HeaderFiles.MIX_HASH) : rlp);
    Path b = file("b.txt", 100, 199);

    List<FileVerifier.FileReport> reports = verifier.verify(List.of(a, b));

    assertThat(reports.get(0).ok()).as(reports.get(0).toString()).isTrue();
    FileVerifier.FileReport second = reports.get(1);
    assertThat(second.errors()).singleElement().asString()
        .startsWith(b + ":0: block 100 ").contains("parentHash");
    assertThat(second.first()).isEqualTo(100);
  }

  @Test
  void fileAfterAGapStartsANewRun() {
    Path a = file("a.txt", 0, 99);
    Path c = file("c.txt", 300, 399);

    List<FileVerifier.FileReport> reports = verifier.verify(List.of(a, c));

    assertThat(reports).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
    assertThat(reports.get(1)).isEqualTo(new FileVerifier.FileReport(c, 300, 399, 100, lines.get(399).hash(), List.of()));
  }

  @Test
  void gapInsideAFileIsReportedAndTheNextFileStartsANewRun() {
    List<HeaderLine> gapped = new ArrayList<>(range(0, 99));
    gapped.removeIf(l -> l.number() == 70);
    Path a = HeaderFiles.write(tmp.resolve("a.txt"), gapped);
    Path b = file("b.txt", 100, 199);

    List<FileVerifier.FileReport> reports = verifier.verify(List.of(a, b));

    FileVerifier.FileReport first = reports.get(0);
    assertThat(first.errors()).singleElement().asString().contains(a.toString()).endsWith("gap: expected block 70, found block 71");
    // Blocks 0..63 were verified in whole chunks before the chunk holding the gap.
    assertThat(first.first()).isZero();
    assertThat(first.count()).isEqualTo(64);
    assertThat(first.last()).isEqualTo(63);
    assertThat(first.lastHash()).isEqualTo(lines.get(63).hash());
    assertThat(reports.get(1).ok()).as(reports.get(1).toString()).isTrue();
  }

  @Test
  void emptyFileReportsNoBlocks() {
    Path empty = HeaderFiles.write(tmp.resolve("empty.txt"), List.of());

    List<FileVerifier.FileReport> reports = verifier.verify(List.of(empty));

    assertThat(reports).containsExactly(new FileVerifier.FileReport(empty, -1, -1, 0, null, List.of()));
  }

  private Path file(String name, long from, long to) {
    return HeaderFiles.write(tmp.resolve(name), range(from, to));
  }

  private static List<HeaderLine> range(long from, long to) {
    return lines.subList((int) from, (int) to + 1);
  }
}
