package io.headersync.p2p.fuzz;

import io.headersync.rlp.RlpWriter;
import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The remote end of an RLPx frame layer, written for the tests from the RLPx specification rather
 * than reusing the codec under test: it seals whatever header and content it is given (a size that
 * lies, header data that is not {@code [0, 0]}, content that is not {@code msg-id ‖ msg-data}) under
 * correct MACs, so the receiver's checks after the MAC are what gets tested; and it opens the
 * frames the session sends back, to read the Disconnect it answered with.
 */
final class FrameWire {

  /** A frame as opened: the message id and the rest of the content. */
  record Opened(int code, byte[] data) {}

  private final StreamCipher egress;
  private final StreamCipher ingress;
  private final BlockCipher macCipher;
  private final KeccakDigest egressMac;
  private final KeccakDigest ingressMac;

  /** Keys as the session's but with the MAC seeds the other way round: our egress is its ingress. */
  FrameWire(byte[] aes, byte[] mac, byte[] egressSeed, byte[] ingressSeed) {
    egress = ctr(aes);
    ingress = ctr(aes);
    macCipher = AESEngine.newInstance();
    macCipher.init(true, new KeyParameter(mac));
    egressMac = keccak(egressSeed);
    ingressMac = keccak(ingressSeed);
  }

  /** An honest frame: {@code rlp(code) ‖ data}, its true size in the header. */
  byte[] frame(int code, byte[] data) {
    byte[] codeRlp = new RlpWriter().writeLong(code).toByteArray();
    byte[] content = Arrays.copyOf(codeRlp, codeRlp.length + data.length);
    System.arraycopy(data, 0, content, codeRlp.length, data.length);
    return seal(header(content.length), content);
  }

  /** The 16-byte plaintext header an honest sender writes for content of {@code size} bytes. */
  static byte[] header(int size) {
    byte[] header = new byte[16];
    header[0] = (byte) (size >>> 16);
    header[1] = (byte) (size >>> 8);
    header[2] = (byte) size;
    header[3] = (byte) 0xC2;
    header[4] = (byte) 0x80;
    header[5] = (byte) 0x80;
    return header;
  }

  /**
   * Seals {@code header} (16 bytes, whatever they say) and {@code content} (padded here to 16
   * bytes) with correct MACs. An empty content sends the header and its MAC alone.
   */
  byte[] seal(byte[] header, byte[] content) {
    int padded = (content.length + 15) & ~15;
    byte[] out = new byte[32 + (padded == 0 ? 0 : padded + 16)];
    egress.processBytes(header, 0, 16, out, 0);
    System.arraycopy(headerMac(egressMac, out, 0), 0, out, 16, 16);
    if (padded > 0) {
      byte[] body = Arrays.copyOf(content, padded);
      egress.processBytes(body, 0, padded, out, 32);
      System.arraycopy(frameMac(egressMac, out, 32, padded), 0, out, 32 + padded, 16);
    }
    return out;
  }

  /** Opens the frame at {@code offset}, checking both MACs; returns its length on the wire via {@code length[0]}. */
  Opened open(byte[] wire, int offset, int[] length) {
    byte[] expectedHeaderMac = headerMac(ingressMac, wire, offset);
    if (!Arrays.equals(expectedHeaderMac, 0, 16, wire, offset + 16, offset + 32)) {
      throw new AssertionError("the session's frame header MAC does not match");
    }
    byte[] header = new byte[16];
    ingress.processBytes(wire, offset, 16, header, 0);
    int size = (header[0] & 0xFF) << 16 | (header[1] & 0xFF) << 8 | (header[2] & 0xFF);
    int padded = (size + 15) & ~15;
    byte[] expectedFrameMac = frameMac(ingressMac, wire, offset + 32, padded);
    if (!Arrays.equals(expectedFrameMac, 0, 16, wire, offset + 32 + padded, offset + 48 + padded)) {
      throw new AssertionError("the session's frame MAC does not match");
    }
    byte[] content = new byte[padded];
    ingress.processBytes(wire, offset + 32, padded, content, 0);
    int codeLength = (content[0] & 0xFF) < 0x80 ? 1 : 1 + (content[0] & 0xFF) - 0x80;
    int code = 0;
    if ((content[0] & 0xFF) < 0x80) {
      code = content[0];
    } else {
      for (int i = 1; i < codeLength; i++) {
        code = (code << 8) | (content[i] & 0xFF);
      }
    }
    length[0] = 48 + padded;
    return new Opened(code, Arrays.copyOfRange(content, codeLength, size));
  }

  private byte[] headerMac(KeccakDigest mac, byte[] headerCiphertext, int offset) {
    byte[] seed = aes(digest(mac));
    for (int i = 0; i < 16; i++) {
      seed[i] ^= headerCiphertext[offset + i];
    }
    mac.update(seed, 0, 16);
    return digest(mac);
  }

  private byte[] frameMac(KeccakDigest mac, byte[] bodyCiphertext, int offset, int length) {
    mac.update(bodyCiphertext, offset, length);
    byte[] digest = digest(mac);
    byte[] seed = aes(digest);
    for (int i = 0; i < 16; i++) {
      seed[i] ^= digest[i];
    }
    mac.update(seed, 0, 16);
    return digest(mac);
  }

  private byte[] aes(byte[] digest) {
    byte[] out = new byte[16];
    macCipher.processBlock(digest, 0, out, 0);
    return out;
  }

  private static byte[] digest(KeccakDigest running) {
    byte[] out = new byte[32];
    new KeccakDigest(running).doFinal(out, 0);
    return out;
  }

  private static KeccakDigest keccak(byte[] seed) {
    KeccakDigest d = new KeccakDigest(256);
    d.update(seed, 0, seed.length);
    return d;
  }

  private static StreamCipher ctr(byte[] key) {
    StreamCipher cipher = SICBlockCipher.newInstance(AESEngine.newInstance());
    cipher.init(true, new ParametersWithIV(new KeyParameter(key), new byte[16]));
    return cipher;
  }
}
