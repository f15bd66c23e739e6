package io.headersync.core.source;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderHexSourceTest {

  @TempDir Path tmp;

  private static List<TestData.HeaderLine> mainnet() {
    return TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz");
  }

  @Test
  void realHeadersWrittenInEveryAllowedStyleReadBack() throws Exception {
    List<TestData.HeaderLine> lines = mainnet().subList(0, 2000);
    StringBuilder text = new StringBuilder("# mainnet headers, one a line\n\n");
    for (int i = 0; i < lines.size(); i++) {
      String hex = Hex.encode(lines.get(i).rlp());
      // Alternate the styles the format allows: 0x or not, upper case, CRLF, blanks, comments.
      switch (i % 4) {
        case 0 -> text.append(hex).append('\n');
        case 1 -> text.append(hex.substring(2)).append("\r\n");
        case 2 -> text.append("  ").append(hex.toUpperCase().replace("0X", "0x")).append(" \t\n");
        default -> text.append("\n   # block ").append(i).append('\n').append(hex).append('\n');
      }
    }
    Path file = Files.writeString(tmp.resolve("headers.txt"), text, US_ASCII);

    List<SourceBlock> read = ChainRlpSourceTest.readAll(HeaderHexSource.open(file));
    assertThat(read).hasSize(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      SourceBlock b = read.get(i);
      assertThat(b.header().number()).isEqualTo(lines.get(i).number());
      assertThat(b.header().hash()).isEqualTo(lines.get(i).hash());
      assertThat(b.header().encoded()).isEqualTo(lines.get(i).rlp());
      assertThat(b.bodyRlp()).isNull();
      long offset = Long.parseLong(b.location().substring(b.location().lastIndexOf(':') + 1));
      assertThat(text.substring((int) offset)).matches("(?s)(0x)?[0-9a-fA-F]+.*");
    }
  }

  @Test
  void aBadHexDigitNamesItsLineColumnAndByteOffset() throws Exception {
    String first = Hex.encode(mainnet().get(0).rlp());
    String second = Hex.encode(mainnet().get(1).rlp());
    int badColumn = 40; // 1-based column of the bad character on line 3
    String broken = second.substring(0, badColumn - 1) + "g" + second.substring(badColumn);
    String text = first + "\n# comment\n" + broken + "\n";
    Path file = Files.writeString(tmp.resolve("badhex.txt"), text, US_ASCII);
    try (HeaderHexSource source = HeaderHexSource.open(file)) {
      assertThat(source.next()).isPresent();
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.offset()).isEqualTo(text.indexOf(broken) + badColumn - 1);
        assertThat(e.reason()).contains("line 3").contains("column " + badColumn).contains("'g'");
      });
    }
  }

  @Test
  void aTruncatedHeaderIsAnRlpErrorOnItsLine() throws Exception {
    String first = Hex.encode(mainnet().get(0).rlp());
    String cut = Hex.encode(mainnet().get(1).rlp());
    cut = cut.substring(0, cut.length() - 8);
    String text = first + "\n" + cut + "\n";
    Path file = Files.writeString(tmp.resolve("cut.txt"), text, US_ASCII);
    try (HeaderHexSource source = HeaderHexSource.open(file)) {
      source.next();
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.offset()).isEqualTo(first.length() + 1);
        assertThat(e.reason()).contains("line 2").contains("TRUNCATED");
      });
      assertThat(source.lineNumber()).isEqualTo(2);
    }
  }

  @Test
  void anOddNumberOfDigitsIsRejected() throws Exception {
    Path file = Files.writeString(tmp.resolve("odd.txt"), "\n0xabc\n", US_ASCII);
    try (HeaderHexSource source = HeaderHexSource.open(file)) {
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.offset()).isEqualTo(1);
        assertThat(e.reason()).contains("line 2").contains("odd number of hex digits (3)");
      });
    }
  }

  @Test
  void theDecodedHeadersFileFormatIsTheWrongFormat() throws Exception {
    TestData.HeaderLine h = mainnet().get(0);
    String line = h.number() + " " + h.hash().toHex() + " " + h.totalDifficulty() + " " + Hex.encode(h.rlp());
    Path file = Files.writeString(tmp.resolve("fourfields.txt"), line + "\n", US_ASCII);
    try (HeaderHexSource source = HeaderHexSource.open(file)) {
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.offset()).isEqualTo(1); // the space after "0"
        assertThat(e.reason()).contains("line 1").contains("second field");
      });
    }
  }

  @Test
  void aHexStringThatIsNotAHeaderIsRejected() throws Exception {
    Path file = Files.writeString(tmp.resolve("notaheader.txt"), "0xc3010203\n", US_ASCII);
    try (HeaderHexSource source = HeaderHexSource.open(file)) {
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).contains("line 1").contains("header RLP");
      });
    }
  }

  @Test
  void anOverlongLineStopsAtTheLimit() throws Exception {
    Path file = Files.write(tmp.resolve("long.txt"), "ab".repeat(100).getBytes(US_ASCII));
    try (HeaderHexSource source = HeaderHexSource.open(file, new HeaderHexSource.Limits(64, 64))) {
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).contains("longer than 64 bytes");
      });
    }
  }

  @Test
  void emptyAndCommentOnlyFilesHoldNoHeaders() throws Exception {
    Path empty = Files.write(tmp.resolve("empty.txt"), new byte[0]);
    Path comments = Files.writeString(tmp.resolve("comments.txt"), "# nothing\n\n  # here\n", US_ASCII);
    assertThat(ChainRlpSourceTest.readAll(HeaderHexSource.open(empty))).isEmpty();
    assertThat(ChainRlpSourceTest.readAll(HeaderHexSource.open(comments))).isEmpty();
  }

  @Test
  void aLastLineWithoutNewlineIsRead() throws IOException, SourceFormatException {
    TestData.HeaderLine h = mainnet().get(7);
    Path file = Files.writeString(tmp.resolve("nonl.txt"), Hex.encode(h.rlp()), US_ASCII);
    try (HeaderHexSource source = HeaderHexSource.open(file)) {
      assertThat(source.next().orElseThrow().header().hash()).isEqualTo(h.hash());
      assertThat(source.next()).isEmpty();
    }
  }
}
