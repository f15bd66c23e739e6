package io.headersync.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.rlp.RlpException.Reason;
import java.math.BigInteger;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RlpReaderTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void integerWithLeadingZeroIsRejected() {
    assertThatThrownBy(() -> RlpReader.wrap(hex("820001")).readLong())
        .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LEADING_ZEROS_IN_INTEGER));
  }

  @Test
  void hugeLengthIsRejectedBeforeAllocating() {
    // Claims a 2 GiB string in a 6-byte input.
    assertThatThrownBy(() -> RlpReader.wrap(hex("bb7fffffff00")).readBytes())
        .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
  }

  @Test
  void nestedListCannotOverrunItsParent() {
    // Outer list of 2 bytes holds an inner list claiming 3.
    assertThatThrownBy(() -> RlpReader.validate(hex("c2c3010203")))
        .isInstanceOf(RlpException.class);
  }

  @Test
  void fixedSizeStringsAreChecked() {
    assertThatThrownBy(() -> RlpReader.wrap(hex("83010203")).readFixed(4))
        .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_SIZE));
  }

  @Test
  void typeMismatchIsTyped() {
    assertThatThrownBy(() -> RlpReader.wrap(hex("c0")).readBytes())
        .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_TYPE));
    assertThatThrownBy(() -> RlpReader.wrap(hex("80")).readList())
        .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_TYPE));
  }

  @Test
  void longOverflowIsTyped() {
    assertThatThrownBy(() -> RlpReader.wrap(hex("888000000000000000")).readLong())
        .isInstanceOfSatisfying(RlpException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INTEGER_OVERFLOW));
  }

  @Property
  void longsRoundTrip(@ForAll long value) {
    long v = value & Long.MAX_VALUE;
    assertThat(RlpReader.wrap(RlpWriter.encodeLong(v)).readLong()).isEqualTo(v);
  }

  @Property
  void bytesRoundTrip(@ForAll @Size(max = 300) byte[] value) {
    byte[] enc = RlpWriter.encodeBytes(value);
    RlpReader r = RlpReader.wrap(enc);
    assertThat(r.readBytes()).isEqualTo(value);
    r.requireEnd();
  }

  @Property
  void nestedListsRoundTrip(@ForAll @Size(max = 20) byte[][] items) {
    RlpWriter w = new RlpWriter(4);
    w.startList();
    for (byte[] item : items) {
      w.startList().writeBytes(item).writeBigInteger(BigInteger.valueOf(item.length)).endList();
    }
    w.endList();
    RlpReader outer = RlpReader.wrap(w.toByteArray()).readList();
    for (byte[] item : items) {
      RlpReader inner = outer.readList();
      assertThat(inner.readBytes()).isEqualTo(item);
      assertThat(inner.readLong()).isEqualTo(item.length);
      inner.requireEnd();
    }
    outer.requireEnd();
  }

  @Property
  void arbitraryInputNeverThrowsAnythingButRlpException(@ForAll @Size(max = 64) byte[] input) {
    try {
      RlpReader.validate(input);
    } catch (RlpException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }
}
