package io.headersync.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.crypto.Keccak;
import io.headersync.p2p.crypto.CryptoException;
import io.headersync.p2p.crypto.Ecies;
import io.headersync.p2p.identity.NodeKey;
import io.headersync.rlp.RlpWriter;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated input to every decoder a peer can reach: nothing escapes but
 * {@link RlpxException}. (A long run of the same properties is the fuzzing campaign; the default
 * run keeps a few thousand tries.)
 */
class DecoderRobustnessProperties {

  private static final NodeKey INITIATOR = NodeKey.generate(new Random(41));
  private static final NodeKey RECIPIENT = NodeKey.generate(new Random(42));
  private static final byte[] VALID_AUTH =
      InitiatorHandshake.create(INITIATOR, RECIPIENT.nodeId(), new SecureRandom()).authPacket();
  private static final byte[] AES = Keccak.keccak256(new byte[] {1}).toArray();
  private static final byte[] MAC = Keccak.keccak256(new byte[] {2}).toArray();

  /** Runs {@code decode}; returns normally when it succeeded or threw the typed error. */
  private static void onlyTypedErrors(Runnable decode) {
    try {
      decode.run();
    } catch (RlpxException expected) {
      assertThat(expected.reason()).isNotNull();
    }
  }

  private static HandshakeMessageReader<RecipientHandshake.Received> authReader() {
    RecipientHandshake recipient = RecipientHandshake.create(RECIPIENT, new SecureRandom());
    return new HandshakeMessageReader<>(RecipientHandshake.legacyAuthPacketSize(), 2048, recipient::readAuth);
  }

  @Property(tries = 1500)
  void handshakeReaderOnRandomBytes(@ForAll @Size(max = 1200) byte[] input) {
    onlyTypedErrors(() -> authReader().read(Unpooled.wrappedBuffer(input)));
  }

  @Provide
  Arbitrary<byte[]> mutatedAuths() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).map(seed -> {
      Random r = new Random(seed);
      byte[] packet = VALID_AUTH.clone();
      switch (r.nextInt(3)) {
        case 0 -> {
          for (int i = 1 + r.nextInt(4); i > 0; i--) {
            packet[r.nextInt(packet.length)] ^= (byte) (1 + r.nextInt(255));
          }
        }
        case 1 -> packet = java.util.Arrays.copyOf(packet, r.nextInt(packet.length));
        default -> {
          packet[0] = (byte) r.nextInt(256);
          packet[1] = (byte) r.nextInt(256);
        }
      }
      return packet;
    });
  }

  @Property(tries = 1000)
  void handshakeReaderOnMutatedAuths(@ForAll("mutatedAuths") byte[] input) {
    onlyTypedErrors(() -> authReader().read(Unpooled.wrappedBuffer(input)));
  }

  /** Well-encrypted auths whose plaintext is random or half-right RLP: the parser and signature path. */
  @Property(tries = 500)
  void recipientOnAuthenticBodiesOfRandomContent(@ForAll @Size(max = 300) byte[] body, @ForAll boolean rlpShaped,
      @ForAll @IntRange(max = 3) int validFields) throws CryptoException {
    byte[] plain = body;
    if (rlpShaped) {
      Random r = new Random(java.util.Arrays.hashCode(body));
      byte[] sig = new byte[65];
      r.nextBytes(sig);
      RlpWriter w = new RlpWriter().startList().writeBytes(sig);
      if (validFields > 0) {
        w.writeBytes(validFields > 1 ? INITIATOR.nodeId().publicKey() : java.util.Arrays.copyOf(body, 64));
      }
      if (validFields > 2) {
        w.writeBytes(new byte[32]).writeLong(4);
      }
      plain = w.endList().toByteArray();
    }
    int size = plain.length + Ecies.OVERHEAD;
    byte[] prefix = {(byte) (size >>> 8), (byte) size};
    byte[] packet = Secrets.concat(prefix, Ecies.encrypt(RECIPIENT.nodeId().publicKey(), plain, prefix, new SecureRandom()));
    byte[] finalPlain = plain;
    onlyTypedErrors(() -> {
      authReader().read(Unpooled.wrappedBuffer(packet));
      AuthMessage.decode(finalPlain, false);
      AckMessage.decode(finalPlain, true);
      AckMessage.decode(finalPlain, false);
    });
  }

  @Property(tries = 2000)
  void frameDecoderOnRandomBytes(@ForAll @Size(min = 32, max = 400) byte[] input) {
    FrameCodec codec = new FrameCodec(AES, MAC, new KeccakMacState(AES), new KeccakMacState(MAC), 4096);
    onlyTypedErrors(() -> {
      int size = codec.readHeader(input, 0);
      if (input.length - FrameCodec.HEADER_WITH_MAC >= FrameCodec.bodySize(size)) {
        codec.readBody(input, FrameCodec.HEADER_WITH_MAC, size);
      }
    });
  }

  @Property(tries = 2000)
  void frameDecoderOnMutatedFrames(@ForAll @Size(max = 200) byte[] payload, @ForAll @IntRange(max = 0xFFFF) int code,
      @ForAll @IntRange(max = 10_000) int flipAt, @ForAll @IntRange(min = 1, max = 255) int flip) {
    FrameCodec sender = new FrameCodec(AES, MAC, new KeccakMacState(MAC), new KeccakMacState(AES), 4096);
    FrameCodec receiver = new FrameCodec(AES, MAC, new KeccakMacState(AES), new KeccakMacState(MAC), 4096);
    byte[] wire = sender.encode(code, payload);
    wire[flipAt % wire.length] ^= (byte) flip;
    onlyTypedErrors(() -> {
      int size = receiver.readHeader(wire, 0);
      if (wire.length - FrameCodec.HEADER_WITH_MAC >= FrameCodec.bodySize(size)) {
        receiver.readBody(wire, FrameCodec.HEADER_WITH_MAC, size);
      }
    });
  }

  @Property(tries = 2000)
  void frameContentAndBaseMessagesOnRandomBytes(@ForAll @Size(min = 1, max = 300) byte[] input, @ForAll boolean snappy) {
    onlyTypedErrors(() -> FrameCodec.parseContent(input, input.length));
    onlyTypedErrors(() -> HelloMessage.decode(input));
    onlyTypedErrors(() -> DisconnectMessage.decode(input, snappy, 4096));
    onlyTypedErrors(() -> MessageCompression.decompress(input, 4096));
  }
}
