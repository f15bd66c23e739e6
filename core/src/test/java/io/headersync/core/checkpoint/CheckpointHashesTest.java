package io.headersync.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hash;
import io.headersync.core.testdata.TestData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointHashesTest {

  private static final String SEPOLIA_LIST = "sepolia/checkpoints/erigon-sepolia-preverified-step192.txt";
  private static final String SEPOLIA_HEADERS = "sepolia/sepolia-headers-0-40959.txt.gz";
  private static final String A = "aa".repeat(32);
  private static final String B = "bb".repeat(32);
  private static final String C = "cc".repeat(32);

  private static CheckpointHashes parse(String text, long step) throws CheckpointFileException, IOException {
    return CheckpointHashes.parse(new StringReader(text), "test.txt", step);
  }

  private static CheckpointFileException failure(String text) {
    try {
      parse(text, 192);
    } catch (CheckpointFileException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a CheckpointFileException for:\n" + text);
  }

  @Test
  void realSepoliaListHasEveryHundredNinetySecondBlockFromGenesis() throws Exception {
    CheckpointHashes list = CheckpointHashes.read(TestData.require(SEPOLIA_LIST), 192);
    assertThat(list.size()).isEqualTo(4820);
    assertThat(list.highest()).hasValue(925_248);
    assertThat(list.hashAt(0)).contains(Hash.fromHex("25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9"));
    assertThat(list.hashAt(191)).isEmpty();
  }

  @Test
  void realSepoliaListAgreesWithTheRealSepoliaHeaders() throws Exception {
    CheckpointHashes list = CheckpointHashes.read(TestData.require(SEPOLIA_LIST), 192);
    int checked = 0;
    for (TestData.HeaderLine line : TestData.headerLines(SEPOLIA_HEADERS)) {
      if (line.number() % 192 == 0) {
        assertThat(list.hashAt(line.number())).as("block %d", line.number()).contains(line.hash());
        checked++;
      } else {
        assertThat(list.hashAt(line.number())).isEmpty();
      }
    }
    assertThat(checked).isEqualTo(40_959 / 192 + 1);
  }

  @Test
  void bareHashesFollowTheStepAndSkipCommentsAndBlankLines() throws Exception {
    CheckpointHashes list = parse("# header\n" + A + "\n\n0x" + B + "\n  # indented comment\n" + C.toUpperCase() + "\n", 100);
    assertThat(list.size()).isEqualTo(3);
    assertThat(list.hashAt(0)).contains(Hash.fromHex(A));
    assertThat(list.hashAt(100)).contains(Hash.fromHex(B));
    assertThat(list.hashAt(200)).contains(Hash.fromHex(C));
    assertThat(list.hashAt(50)).isEmpty();
  }

  @Test
  void numberedLinesMayBeIrregular() throws Exception {
    CheckpointHashes list = parse("5 " + A + "\n1000\t0x" + B + "\n1001 " + C + "\n", 192);
    assertThat(list.size()).isEqualTo(3);
    assertThat(list.number(1)).isEqualTo(1000);
    assertThat(list.hashAt(1001)).contains(Hash.fromHex(C));
    assertThat(list.ceiling(6)).hasValue(1000);
    assertThat(list.ceiling(5)).hasValue(5);
    assertThat(list.ceiling(1002)).isEmpty();
    assertThat(list.floor(999)).hasValue(5);
    assertThat(list.floor(4)).isEqualTo(OptionalLong.empty());
  }

  @Test
  void builtFromAMapOrAStepTheSameAsParsed() throws Exception {
    TreeMap<Long, Hash> map = new TreeMap<>();
    map.put(0L, Hash.fromHex(A));
    map.put(192L, Hash.fromHex(B));
    CheckpointHashes fromMap = CheckpointHashes.of(map);
    CheckpointHashes fromStep = CheckpointHashes.stepped(192, List.of(Hash.fromHex(A), Hash.fromHex(B)));
    CheckpointHashes parsed = parse(A + "\n" + B + "\n", 192);
    for (CheckpointHashes c : List.of(fromMap, fromStep)) {
      assertThat(c.size()).isEqualTo(parsed.size());
      assertThat(c.hashAt(192)).isEqualTo(parsed.hashAt(192));
      assertThat(c.hashAt(0)).isEqualTo(parsed.hashAt(0));
    }
  }

  @Test
  void aShortHashNamesItsLine() {
    CheckpointFileException e = failure(A + "\n" + "abc\n");
    assertThat(e.reason()).isEqualTo(CheckpointFileException.Reason.BAD_HASH);
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.source()).isEqualTo("test.txt");
    assertThat(e.getMessage()).contains("test.txt line 2").contains("64 hex digits").contains("abc");
  }

  @Test
  void aNonHexDigitIsABadHash() {
    CheckpointFileException e = failure("# c\n" + "g" + A.substring(1) + "\n");
    assertThat(e.reason()).isEqualTo(CheckpointFileException.Reason.BAD_HASH);
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.getMessage()).contains("character 1");
  }

  @Test
  void aBadNumberIsRejected() {
    CheckpointFileException e = failure("1 " + A + "\n-5 " + B + "\n");
    assertThat(e.reason()).isEqualTo(CheckpointFileException.Reason.BAD_NUMBER);
    assertThat(e.line()).isEqualTo(2);
    assertThat(failure("99999999999999999999 " + A).reason()).isEqualTo(CheckpointFileException.Reason.BAD_NUMBER);
  }

  @Test
  void numbersMustRise() {
    CheckpointFileException e = failure("10 " + A + "\n10 " + B + "\n");
    assertThat(e.reason()).isEqualTo(CheckpointFileException.Reason.NOT_ASCENDING);
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.getMessage()).contains("block 10 is not above");
  }

  @Test
  void formsMayNotBeMixed() {
    CheckpointFileException e = failure(A + "\n192 " + B + "\n");
    assertThat(e.reason()).isEqualTo(CheckpointFileException.Reason.MIXED_FORMS);
    assertThat(e.line()).isEqualTo(2);
    assertThat(failure("0 " + A + "\n" + B + "\n").reason()).isEqualTo(CheckpointFileException.Reason.MIXED_FORMS);
  }

  @Test
  void extraFieldsAreRejected() {
    CheckpointFileException e = failure("1 " + A + " extra\n");
    assertThat(e.reason()).isEqualTo(CheckpointFileException.Reason.TOO_MANY_FIELDS);
    assertThat(e.line()).isEqualTo(1);
  }

  @Test
  void aFileWithoutCheckpointsIsEmpty() {
    CheckpointFileException e = failure("# only a comment\n\n");
    assertThat(e.reason()).isEqualTo(CheckpointFileException.Reason.EMPTY);
    assertThat(e.line()).isZero();
  }

  @Test
  void aMissingFileIsUnreadableAndNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.txt");
    assertThatThrownBy(() -> CheckpointHashes.read(missing, 192))
        .isInstanceOf(CheckpointFileException.class)
        .hasMessageContaining(missing.toString())
        .satisfies(t -> assertThat(((CheckpointFileException) t).reason()).isEqualTo(CheckpointFileException.Reason.UNREADABLE));
  }

  @Test
  void aFileOnDiskIsReadWithItsPathInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("list.txt");
    Files.writeString(file, A + "\nnot-a-hash\n");
    assertThatThrownBy(() -> CheckpointHashes.read(file, 192))
        .isInstanceOf(CheckpointFileException.class)
        .hasMessageContaining(file + " line 2");
  }
}
