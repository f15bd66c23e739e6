package io.headersync.core.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hex;
import io.headersync.core.testdata.TestData;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpException.Reason;
import io.headersync.rlp.RlpWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BlockBodyTest {

  /** A legacy transaction: any RLP list (the body keeps it opaque). */
  private static final byte[] LEGACY_TX = new RlpWriter().startList().writeLong(9).writeBytes(new byte[20]).writeLong(1)
      .endList().toByteArray();
  /** A typed transaction envelope: type 2 then an opaque payload. */
  private static final byte[] TYPED_TX = concat(new byte[] {0x02}, new RlpWriter().startList().writeLong(1).writeLong(7)
      .endList().toByteArray());

  private static final Withdrawal W0 = new Withdrawal(0, 7, Address.fromHex("0x00000000000000000000000000000000000000aa"), 1_000);
  private static final Withdrawal W1 = new Withdrawal(1, 8, Address.fromHex("0x00000000000000000000000000000000000000bb"), 0);

  private static BlockHeader ommer() {
    return BlockHeader.builder().number(3).difficulty(BigInteger.TEN).gasLimit(5000).build();
  }

  @Test
  void legacyAndTypedTransactionsAreFramedDifferentlyAndRoundTrip() {
    BlockBody body = new BlockBody(List.of(LEGACY_TX, TYPED_TX), List.of(ommer()), null);
    byte[] rlp = body.encode();

    // The typed envelope travels as an RLP string; the legacy one as the list itself.
    byte[] expected = new RlpWriter().startList()
        .startList().writeRaw(LEGACY_TX).writeBytes(TYPED_TX).endList()
        .startList().writeRaw(ommer().encoded()).endList()
        .endList().toByteArray();
    assertThat(rlp).isEqualTo(expected);

    BlockBody back = BlockBody.decode(rlp);
    assertThat(back.transactions()).containsExactly(LEGACY_TX, TYPED_TX);
    assertThat(BlockBody.isLegacy(back.transactions().get(0))).isTrue();
    assertThat(BlockBody.isLegacy(back.transactions().get(1))).isFalse();
    assertThat(back.ommers()).containsExactly(ommer());
    assertThat(back.withdrawals()).isNull();
    assertThat(back.encode()).isEqualTo(rlp);
    assertThat(back).isEqualTo(body);
  }

  @Test
  void withdrawalsAndTrailingItemsRoundTrip() {
    byte[] requests = new RlpWriter().startList().writeBytes(new byte[] {0x01, 0x02}).endList().toByteArray();
    BlockBody body = new BlockBody(List.of(TYPED_TX), List.of(), List.of(W0, W1), List.of(requests));
    BlockBody back = BlockBody.decode(body.encode());
    assertThat(back.withdrawals()).containsExactly(W0, W1);
    assertThat(back.trailingItems()).hasSize(1);
    assertThat(back.trailingItems().get(0)).isEqualTo(requests);
    assertThat(back.encode()).isEqualTo(body.encode());

    BlockBody emptyWithdrawals = BlockBody.decode(new BlockBody(List.of(), List.of(), List.of()).encode());
    assertThat(emptyWithdrawals.hasWithdrawals()).isTrue();
    assertThat(emptyWithdrawals.withdrawals()).isEmpty();
    assertThat(emptyWithdrawals.encode()).isEqualTo(Hex.decode("0xc3c0c0c0"));
  }

  @Test
  void withdrawalEncodingIsTheFourFieldList() {
    assertThat(W0.encode()).isEqualTo(new RlpWriter().startList().writeLong(0).writeLong(7)
        .writeBytes(Address.fromHex("0x00000000000000000000000000000000000000aa").unsafeArray()).writeLong(1000)
        .endList().toByteArray());
    assertThat(Withdrawal.decode(W1.encode())).isEqualTo(W1);
    byte[] threeFields = new RlpWriter().startList().writeLong(0).writeLong(7).writeBytes(new byte[20]).endList().toByteArray();
    assertThatThrownBy(() -> Withdrawal.decode(threeFields))
        .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_ITEM));
  }

  @Test
  void aBodyThatIsNotAListFailsAtOffsetZero() {
    assertThatThrownBy(() -> BlockBody.decode(Hex.decode("0x83010203")))
        .isInstanceOfSatisfying(RlpException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_TYPE);
          assertThat(e.offset()).isZero();
        });
  }

  @Test
  void transactionsThatAreNotAListNameTheItem() {
    byte[] rlp = Hex.decode("0xc3" + "80" + "c0" + "c0");
    assertThatThrownBy(() -> BlockBody.decode(rlp))
        .isInstanceOfSatisfying(RlpException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_TYPE);
          assertThat(e.offset()).isEqualTo(1);
          assertThat(e.getMessage()).contains("transactions");
        });
  }

  @Test
  void aTypedEnvelopeWithoutATypeByteIsRejectedAtItsOffset() {
    // Second transaction is a string whose first byte (0xc1) is no EIP-2718 type.
    byte[] rlp = new RlpWriter().startList()
        .startList().writeRaw(LEGACY_TX).writeBytes(new byte[] {(byte) 0xC1, 0x01}).endList()
        .writeEmptyList().endList().toByteArray();
    int secondTx = 1 + 1 + LEGACY_TX.length;
    assertThatThrownBy(() -> BlockBody.decode(rlp))
        .isInstanceOfSatisfying(RlpException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_TYPE);
          assertThat(e.offset()).isEqualTo(secondTx);
          assertThat(e.getMessage()).contains("transaction 1").contains("0xc1");
        });

    byte[] empty = Hex.decode("0xc3c180c0");
    assertThatThrownBy(() -> BlockBody.decode(empty))
        .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.getMessage()).contains("empty string"));
  }

  @Test
  void aBrokenOmmerReportsTheOffsetInTheBody() {
    byte[] good = ommer().encoded();
    byte[] broken = good.clone();
    int headerListHeader = 3; // a header is longer than 255 bytes: f9 xx xx
    broken[headerListHeader] = (byte) 0x9F; // parentHash claims 31 bytes
    byte[] rlp = new RlpWriter().startList().writeEmptyList().startList().writeRaw(broken).endList().endList().toByteArray();
    int ommerStart = 3 + 1 + 3; // body list f9.., empty tx list, ommers list f9..
    assertThatThrownBy(() -> BlockBody.decode(rlp))
        .isInstanceOfSatisfying(RlpException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.WRONG_SIZE);
          assertThat(e.offset()).isEqualTo(ommerStart + headerListHeader);
          assertThat(e.getMessage()).contains("ommer 0");
        });
  }

  @Test
  void aTruncatedWithdrawalIsTyped() {
    byte[] rlp = new BlockBody(List.of(), List.of(), List.of(W0)).encode();
    byte[] cut = java.util.Arrays.copyOf(rlp, rlp.length - 2);
    cut[0] = (byte) (cut[0] - 2); // keep the outer list consistent so the withdrawal is what is short
    cut[3] = (byte) (cut[3] - 2);
    assertThatThrownBy(() -> BlockBody.decode(cut))
        .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
  }

  @Test
  void theConstructorRefusesWhatCannotBeEncoded() {
    assertThatThrownBy(() -> new BlockBody(List.of(new byte[] {(byte) 0x85, 1}), List.of(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x85");
    assertThatThrownBy(() -> new BlockBody(List.of(new byte[0]), List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BlockBody(List.of(), List.of(), null, List.of(new byte[] {(byte) 0xC0})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("withdrawals");
  }

  @Test
  void fullBlocksRoundTripAndNameTheirParts() {
    BlockHeader header = BlockHeader.builder().number(12).gasLimit(30_000_000).baseFeePerGas(BigInteger.TEN)
        .withdrawalsRoot(io.headersync.core.bytes.Hash.ZERO).build();
    BlockBody body = new BlockBody(List.of(LEGACY_TX, TYPED_TX), List.of(), List.of(W0));
    Block block = new Block(header, body);
    byte[] rlp = block.encode();
    Block back = Block.decode(rlp);
    assertThat(back.header()).isEqualTo(header);
    assertThat(back.body()).isEqualTo(body);
    assertThat(back.hash()).isEqualTo(header.hash());
    assertThat(back.encode()).isEqualTo(rlp);

    byte[] headerOnly = new RlpWriter().startList().writeRaw(header.encoded()).endList().toByteArray();
    assertThatThrownBy(() -> Block.decode(headerOnly))
        .isInstanceOfSatisfying(RlpException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MISSING_ITEM);
          assertThat(e.getMessage()).contains("transactions");
        });
  }

  @Test
  void portalBlockBodiesDecodeAndReencodeByteForByte() throws IOException {
    Path dir = TestData.require("mainnet/portal/block_data");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    boolean sawWithdrawals = false;
    for (Path f : files) {
      byte[] bodyRlp = Hex.decode(yamlValue(f, "body"));
      BlockHeader header = BlockHeader.decode(Hex.decode(yamlValue(f, "header")));
      BlockBody body = BlockBody.decode(bodyRlp);
      assertThat(body.encode()).as(f.getFileName().toString()).isEqualTo(bodyRlp);
      assertThat(body.hasWithdrawals()).as(f.getFileName().toString()).isEqualTo(header.withdrawalsRoot() != null);
      sawWithdrawals |= body.hasWithdrawals() && !body.withdrawals().isEmpty();
      assertThat(f.getFileName().toString()).contains(Long.toString(header.number()));
    }
    assertThat(sawWithdrawals).as("some post-Shanghai block has withdrawals").isTrue();
  }

  /** The value of a top-level {@code key: value} line of a flat YAML file. */
  static String yamlValue(Path file, String key) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(key + ":")).map(l -> l.substring(key.length() + 1).strip())
          .findFirst().orElseThrow(() -> new AssertionError(file + " has no " + key));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
