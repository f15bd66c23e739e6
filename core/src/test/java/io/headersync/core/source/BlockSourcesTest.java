package io.headersync.core.source;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hex;
import io.headersync.core.era.Era1Source;
import io.headersync.core.testdata.TestData;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockSourcesTest {

  @TempDir Path tmp;

  @Test
  void aChainFileIsReadAsRlpWhateverItsName() throws Exception {
    byte[] chain = Files.readAllBytes(TestData.require("testchains/execution-apis/chain.rlp"));
    Path renamed = Files.write(tmp.resolve("blocks.bin"), chain);
    try (BlockSource source = BlockSources.open(renamed)) {
      assertThat(source).isInstanceOf(ChainRlpSource.class);
    }
    assertThat(ChainRlpSourceTest.readAll(BlockSources.open(renamed)))
        .hasSameSizeAs(ChainRlpSourceTest.readAll(ChainRlpSource.open(renamed)));
  }

  @Test
  void headerHexIsRecognisedPlainOrGzipped() throws Exception {
    List<TestData.HeaderLine> lines = TestData.headerLines("mainnet/mainnet-headers-0-16383.txt.gz").subList(0, 50);
    StringBuilder text = new StringBuilder();
    for (TestData.HeaderLine l : lines) {
      text.append(Hex.encode(l.rlp())).append('\n');
    }
    Path plain = Files.writeString(tmp.resolve("h.txt"), text, US_ASCII);
    Path gz = tmp.resolve("h.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.toString().getBytes(US_ASCII));
    }
    for (Path p : List.of(plain, gz)) {
      try (BlockSource source = BlockSources.open(p)) {
        assertThat(source).isInstanceOf(HeaderHexSource.class);
      }
      List<SourceBlock> read = ChainRlpSourceTest.readAll(BlockSources.open(p));
      assertThat(read).hasSize(lines.size());
      assertThat(read.get(49).header().hash()).isEqualTo(lines.get(49).hash());
    }
  }

  @Test
  void aGzippedChainFileIsReadThroughTheDecompressor() throws Exception {
    byte[] chain = Files.readAllBytes(TestData.require("testchains/geth-ethtest/chain.rlp"));
    Path gz = tmp.resolve("chain.rlp.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(chain);
    }
    List<SourceBlock> read = ChainRlpSourceTest.readAll(BlockSources.open(gz));
    List<SourceBlock> direct = ChainRlpSourceTest.readAll(ChainRlpSource.open(TestData.require("testchains/geth-ethtest/chain.rlp")));
    assertThat(read).hasSameSizeAs(direct);
    assertThat(read.get(read.size() - 1).header()).isEqualTo(direct.get(direct.size() - 1).header());
  }

  @Test
  void era1FilesOpenAsEra1SourcesByNameOrByContent() throws Exception {
    Path era1 = TestData.require("mainnet/era1/mainnet-00000-5ec1ffb8.era1");
    try (BlockSource source = BlockSources.open(era1)) {
      assertThat(source).isInstanceOf(Era1Source.class);
      SourceBlock genesis = source.next().orElseThrow();
      assertThat(genesis.header().number()).isZero();
      assertThat(genesis.bodyRlp()).isNotNull();
    }
    Path renamed = Files.copy(era1, tmp.resolve("epoch0.bin"));
    try (BlockSource source = BlockSources.open(renamed)) {
      assertThat(source).isInstanceOf(Era1Source.class);
    }
  }

  @Test
  void anUnknownFormatIsATypedErrorAtOffsetZero() throws Exception {
    Path file = Files.write(tmp.resolve("mystery.dat"), new byte[] {0x05, 0x00, 0x01});
    assertThatThrownBy(() -> BlockSources.open(file)).isInstanceOfSatisfying(SourceFormatException.class, e -> {
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.offset()).isZero();
      assertThat(e.reason()).contains("unrecognised").contains("0x05");
    });
  }

  @Test
  void formatsAreJudgedByTheirFirstBytes() throws Exception {
    Path p = Path.of("x");
    assertThat(BlockSources.detect(p, Hex.decode("0x6532000000000000"), false)).isEqualTo(BlockSources.Format.ERA1);
    assertThat(BlockSources.detect(p, Hex.decode("0xf90200"), false)).isEqualTo(BlockSources.Format.CHAIN_RLP);
    assertThat(BlockSources.detect(p, "0xf902".getBytes(US_ASCII), false)).isEqualTo(BlockSources.Format.HEADER_HEX);
    assertThat(BlockSources.detect(p, "# hi".getBytes(US_ASCII), false)).isEqualTo(BlockSources.Format.HEADER_HEX);
    assertThat(BlockSources.detect(p, new byte[0], false)).isEqualTo(BlockSources.Format.HEADER_HEX);
    // "e2" is hex text; only the full e2store version record means era1.
    assertThat(BlockSources.detect(p, "e2aabbcc".getBytes(US_ASCII), false)).isEqualTo(BlockSources.Format.HEADER_HEX);
  }
}
