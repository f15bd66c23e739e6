package io.headersync.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.block.Block;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.testdata.TestData;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChainRlpSourceTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"testchains/geth-ethtest/chain.rlp", "testchains/execution-apis/chain.rlp"})
  void testChainsReadFullyAndRebuildTheFileByteForByte(String relative) throws Exception {
    Path file = TestData.require(relative);
    byte[] whole = Files.readAllBytes(file);
    ByteArrayOutputStream rebuilt = new ByteArrayOutputStream(whole.length);
    List<SourceBlock> blocks = readAll(ChainRlpSource.open(file));

    assertThat(blocks).isNotEmpty();
    long expectedNumber = blocks.get(0).header().number();
    for (SourceBlock b : blocks) {
      BlockHeader h = b.header();
      assertThat(h.number()).isEqualTo(expectedNumber++);
      assertThat(h.toBuilder().build().encoded()).as("header %d re-encodes", h.number()).isEqualTo(h.encoded());
      assertThat(b.totalDifficulty()).isNull();
      assertThat(b.location()).startsWith(file + ":");
      BlockBody body = BlockBody.decode(b.bodyRlp());
      assertThat(body.encode()).as("body %d re-encodes", h.number()).isEqualTo(b.bodyRlp());
      assertThat(body.hasWithdrawals()).as("block %d withdrawals iff withdrawalsRoot", h.number())
          .isEqualTo(h.withdrawalsRoot() != null);
      rebuilt.writeBytes(new Block(h, body).encode());
    }
    // Headers chain by parent hash, so no block was skipped or read out of order.
    for (int i = 1; i < blocks.size(); i++) {
      assertThat(blocks.get(i).header().parentHash()).isEqualTo(blocks.get(i - 1).header().hash());
    }
    assertThat(rebuilt.toByteArray()).isEqualTo(whole);
  }

  @Test
  void typedTransactionsOfEveryKindComeThroughAsEnvelopes() throws Exception {
    Path file = TestData.require("testchains/geth-ethtest/chain.rlp");
    Set<Integer> types = new TreeSet<>();
    for (SourceBlock b : readAll(ChainRlpSource.open(file))) {
      for (byte[] tx : BlockBody.decode(b.bodyRlp()).transactions()) {
        types.add(BlockBody.isLegacy(tx) ? -1 : tx[0] & 0xFF);
      }
    }
    // legacy, access list (1), dynamic fee (2), blob (3), set code (4)
    assertThat(types).contains(-1, 1, 2, 3, 4);
  }

  @Test
  void locationsAndPositionAreByteOffsets() throws Exception {
    byte[] a = block(1);
    byte[] b = block(2);
    Path file = write("two.rlp", a, b);
    try (ChainRlpSource source = ChainRlpSource.open(file)) {
      assertThat(source.next().orElseThrow().location()).isEqualTo(file + ":0");
      assertThat(source.position()).isEqualTo(a.length);
      assertThat(source.next().orElseThrow().location()).isEqualTo(file + ":" + a.length);
      assertThat(source.next()).isEmpty();
      assertThat(source.blocksRead()).isEqualTo(2);
    }
  }

  @Test
  void aTruncatedLastBlockNamesItsStart() throws Exception {
    byte[] a = block(1);
    byte[] b = block(2);
    Path file = write("cut.rlp", a, Arrays.copyOf(b, b.length - 7));
    try (ChainRlpSource source = ChainRlpSource.open(file)) {
      assertThat(source.next()).isPresent();
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.offset()).isEqualTo(a.length);
        assertThat(e.reason()).contains("truncated").contains("file block 1");
      });
    }
  }

  @Test
  void aFileCutInsideTheListHeaderIsTruncated() throws Exception {
    byte[] a = block(1);
    Path file = write("cut-header.rlp", a, new byte[] {(byte) 0xF9, 0x01});
    try (ChainRlpSource source = ChainRlpSource.open(file)) {
      source.next();
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.offset()).isEqualTo(a.length);
        assertThat(e.reason()).contains("truncated");
      });
    }
  }

  @Test
  void aStringWhereABlockShouldBeIsRejected() throws Exception {
    Path file = write("string.rlp", new byte[] {(byte) 0x83, 1, 2, 3});
    try (ChainRlpSource source = ChainRlpSource.open(file)) {
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).contains("expected a block").contains("0x83");
      });
    }
  }

  @Test
  void anOversizedLengthIsRefusedBeforeAnythingIsAllocated() throws Exception {
    // Claims a 2 GiB block in a 5-byte file.
    Path file = write("huge.rlp", new byte[] {(byte) 0xFB, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    try (ChainRlpSource source = ChainRlpSource.open(file)) {
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).contains("exceeds the limit").contains("maxBlockBytes");
      });
    }
    byte[] a = block(1);
    try (ChainRlpSource small = ChainRlpSource.open(write("small.rlp", a), new ChainRlpSource.Limits(a.length - 1, 64))) {
      assertThatThrownBy(small::next).isInstanceOf(SourceFormatException.class).hasMessageContaining("exceeds the limit");
    }
  }

  @Test
  void nonCanonicalListHeadersAreRejected() throws Exception {
    Path file = write("noncanonical.rlp", new byte[] {(byte) 0xF8, 0x02, (byte) 0xC0, (byte) 0xC0});
    try (ChainRlpSource source = ChainRlpSource.open(file)) {
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class,
          e -> assertThat(e.reason()).contains("non-canonical"));
    }
  }

  @Test
  void aBrokenHeaderFieldNamesItsOffsetInTheFile() throws Exception {
    byte[] a = block(1);
    byte[] b = block(2);
    RlpReader blockItems = RlpReader.wrap(b).readList();
    int headerStart = blockItems.position();
    int parentHashAt = RlpReader.wrap(b, headerStart, b.length - headerStart).readList().position();
    b[parentHashAt] = (byte) 0x9F; // parentHash now claims 31 bytes
    Path file = write("badheader.rlp", a, b);
    try (ChainRlpSource source = ChainRlpSource.open(file)) {
      source.next();
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.offset()).isEqualTo(a.length + parentHashAt);
        assertThat(e.reason()).contains("header").contains("WRONG_SIZE");
      });
    }
  }

  @Test
  void aMalformedBodyNamesItsOffsetInTheFile() throws Exception {
    BlockHeader header = BlockHeader.builder().number(5).build();
    byte[] badTx = {(byte) 0xC1, 0x01}; // a string whose first byte is no transaction type
    byte[] b = new RlpWriter().startList().writeRaw(header.encoded())
        .startList().writeBytes(badTx).endList().writeEmptyList().endList().toByteArray();
    int blockListHeader = RlpReader.wrap(b).nextPayloadOffset();
    int txAt = blockListHeader + header.encoded().length + 1;
    byte[] good = block(4);
    Path file = write("badbody.rlp", good, b);
    try (ChainRlpSource source = ChainRlpSource.open(file)) {
      assertThat(source.next()).isPresent();
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class, e -> {
        assertThat(e.offset()).isEqualTo(good.length + txAt);
        assertThat(e.reason()).contains("transaction 0").contains("type byte");
      });
    }
  }

  @Test
  void aBlockWithOnlyAHeaderIsMissingItsTransactions() throws Exception {
    BlockHeader header = BlockHeader.builder().number(5).build();
    byte[] b = new RlpWriter().startList().writeRaw(header.encoded()).endList().toByteArray();
    try (ChainRlpSource source = ChainRlpSource.open(write("headeronly.rlp", b))) {
      assertThatThrownBy(source::next).isInstanceOfSatisfying(SourceFormatException.class,
          e -> assertThat(e.reason()).contains("MISSING_ITEM").contains("transactions"));
    }
  }

  @Test
  void bodyRlpIsTheItemsAfterTheHeaderAsAList() throws Exception {
    BlockHeader header = BlockHeader.builder().number(5).difficulty(BigInteger.ONE).build();
    byte[] legacyTx = new RlpWriter().startList().writeLong(1).writeLong(2).endList().toByteArray();
    BlockBody body = new BlockBody(List.of(legacyTx), List.of(header), List.of());
    Path file = write("one.rlp", new Block(header, body).encode());
    try (ChainRlpSource source = ChainRlpSource.open(file)) {
      SourceBlock read = source.next().orElseThrow();
      assertThat(read.header()).isEqualTo(header);
      assertThat(read.bodyRlp()).isEqualTo(body.encode());
    }
  }

  /** A minimal valid block whose header has number {@code n}. */
  static byte[] block(long n) {
    BlockHeader header = BlockHeader.builder().number(n).difficulty(BigInteger.valueOf(131072)).gasLimit(5000).build();
    return new Block(header, BlockBody.EMPTY_LEGACY).encode();
  }

  private Path write(String name, byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return Files.write(tmp.resolve(name), out.toByteArray());
  }

  static List<SourceBlock> readAll(BlockSource source) throws Exception {
    List<SourceBlock> out = new ArrayList<>();
    try (source) {
      for (Optional<SourceBlock> b = source.next(); b.isPresent(); b = source.next()) {
        out.add(b.get());
      }
    }
    return out;
  }
}
