package io.headersync.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hex;
import io.headersync.core.crypto.Keccak;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  /** geth's test stand-in for the MAC hash: ignores input, always digests to 32 bytes of 0x01. */
  private static final class FixedDigest implements MacState {
    @Override
    public void update(byte[] data, int offset, int length) {}

    @Override
    public byte[] digest() {
      byte[] d = new byte[32];
      Arrays.fill(d, (byte) 1);
      return d;
    }
  }

  @Test
  void encodesGethsGoldenFrame() {
    var extra = Devp2pVectors.load().extra().get("frame_golden");
    byte[] secret = Keccak.EMPTY.toArray();
    FrameCodec codec = new FrameCodec(secret, secret, new FixedDigest(), new FixedDigest(), RlpxConfig.FRAME_SIZE_LIMIT);

    byte[] frame = codec.encode(8, Hex.decode("c401020304"));

    assertThat(Hex.encodeBare(frame)).isEqualTo(extra.get("golden_hex").asText());
  }

  @Test
  void decodesGethsGoldenFrame() {
    var extra = Devp2pVectors.load().extra().get("frame_golden");
    byte[] secret = Keccak.EMPTY.toArray();
    FrameCodec codec = new FrameCodec(secret, secret, new FixedDigest(), new FixedDigest(), RlpxConfig.FRAME_SIZE_LIMIT);
    byte[] golden = Hex.decode(extra.get("golden_hex").asText());

    int size = codec.readHeader(golden, 0);
    RlpxFrame frame = codec.readBody(golden, FrameCodec.HEADER_WITH_MAC, size);

    byte[] content = Hex.decode(extra.get("decrypted_content_hex").asText());
    assertThat(size).isEqualTo(content.length);
    assertThat(frame.code()).isEqualTo(content[0]);
    assertThat(frame.data()).isEqualTo(Arrays.copyOfRange(content, 1, content.length));
  }

  @Test
  void framesRoundTripThroughTwoCodecsWithCrossedKeccakStates() {
    FrameCodec[] pair = Sessions.codecPair(RlpxConfig.FRAME_SIZE_LIMIT);
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      byte[] data = new byte[random.nextInt(3000)];
      random.nextBytes(data);
      int code = random.nextInt(300);
      byte[] wire = pair[0].encode(code, data);
      int size = pair[1].readHeader(wire, 0);
      RlpxFrame frame = pair[1].readBody(wire, FrameCodec.HEADER_WITH_MAC, size);
      assertThat(frame.code()).isEqualTo(code);
      assertThat(frame.data()).isEqualTo(data);
      assertThat(wire.length).isEqualTo(FrameCodec.frameSize(size));
    }
  }

  @Test
  void aFrameOfManyCipherPiecesIsOneContinuousKeyStream() throws Exception {
    byte[] secret = Keccak.keccak256(new byte[] {3}).toArray();
    FrameCodec codec = new FrameCodec(secret, secret, new FixedDigest(), new FixedDigest(), RlpxConfig.FRAME_SIZE_LIMIT);
    byte[] data = new byte[3 * 4096 + 101];
    new Random(11).nextBytes(data);
    byte[] first = codec.encode(16, data);
    byte[] second = codec.encode(17, data);

    // the reference: one JDK cipher run over each frame's header and body in a single call each
    Cipher reference = Cipher.getInstance("AES/CTR/NoPadding");
    reference.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secret, "AES"), new IvParameterSpec(new byte[16]));
    for (byte[] frame : List.of(first, second)) {
      reference.update(frame, 0, FrameCodec.HEADER_SIZE);
      int bodyLength = frame.length - FrameCodec.HEADER_WITH_MAC - FrameCodec.MAC_SIZE;
      byte[] body = reference.update(frame, FrameCodec.HEADER_WITH_MAC, bodyLength);
      assertThat(Arrays.copyOfRange(body, 1, 1 + data.length)).isEqualTo(data);
    }
  }

  @Test
  void aFlippedBitInTheHeaderOrBodyIsABadMac() {
    FrameCodec[] pair = Sessions.codecPair(RlpxConfig.FRAME_SIZE_LIMIT);
    byte[] wire = pair[0].encode(0x10, new byte[40]);
    wire[3] ^= 0x20;
    assertThatThrownBy(() -> pair[1].readHeader(wire, 0))
        .isInstanceOfSatisfying(RlpxException.class, e -> assertThat(e.reason()).isEqualTo(RlpxException.Reason.BAD_MAC));

    FrameCodec[] fresh = Sessions.codecPair(RlpxConfig.FRAME_SIZE_LIMIT);
    byte[] wire2 = fresh[0].encode(0x10, new byte[40]);
    wire2[FrameCodec.HEADER_WITH_MAC + 5] ^= 0x01;
    int size = fresh[1].readHeader(wire2, 0);
    assertThatThrownBy(() -> fresh[1].readBody(wire2, FrameCodec.HEADER_WITH_MAC, size))
        .isInstanceOfSatisfying(RlpxException.class, e -> assertThat(e.reason()).isEqualTo(RlpxException.Reason.BAD_MAC));
  }

  @Test
  void aHeaderOverTheCapIsRefusedFromTheHeaderAlone() {
    FrameCodec[] pair = Sessions.codecPair(RlpxConfig.FRAME_SIZE_LIMIT, 4096);
    byte[] wire = pair[0].encode(0x10, new byte[5000]);
    byte[] headerOnly = Arrays.copyOf(wire, FrameCodec.HEADER_WITH_MAC);

    assertThatThrownBy(() -> pair[1].readHeader(headerOnly, 0))
        .isInstanceOfSatisfying(RlpxException.class, e -> {
          assertThat(e.reason()).isEqualTo(RlpxException.Reason.FRAME_TOO_LARGE);
          assertThat(e.getMessage()).contains("5001").contains("4096");
        });
  }
}
