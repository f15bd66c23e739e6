package io.headersync.p2p.rlpx;

import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.util.Arrays;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The RLPx frame layer of one session, without Netty: encrypts and MACs outgoing frames, checks
 * and decrypts incoming ones. A frame is {@code header-ct ‖ header-mac ‖ body-ct ‖ frame-mac}:
 * a 16-byte header (24-bit content size, {@code [0, 0]}, zero padding), the content padded to 16
 * bytes, both AES-256-CTR encrypted with one continuous key stream per direction, and 16-byte
 * MACs read from each direction's keccak state as the RLPx specification defines.
 *
 * <p>The key streams come from the JDK's AES-CTR, which the JVM runs on the processor's AES
 * instructions: a profile of a devp2p sync spent about a tenth of its CPU in Bouncy Castle's
 * table-based AES before. The MAC's single-block AES stays on Bouncy Castle (two blocks a frame).
 *
 * <p>Reading is in two steps so that the size is checked against the cap from the header alone,
 * before the body is awaited or any room is made for it. Not thread-safe: one writer and one
 * reader, each in wire order (the two directions have independent state).
 */
final class FrameCodec {

  static final int HEADER_SIZE = 16;
  static final int MAC_SIZE = 16;
  /** Header plus its MAC: what must be read before a frame's size is known. */
  static final int HEADER_WITH_MAC = HEADER_SIZE + MAC_SIZE;
  /** {@code [capability-id, context-id]} = {@code [0, 0]}, the header data every client sends. */
  private static final byte[] HEADER_DATA = {(byte) 0xC2, (byte) 0x80, (byte) 0x80};
  /** Key-stream bytes per cipher call (see {@link #stream}). */
  private static final int STREAM_PIECE = 4096;

  private final Cipher egressCipher;
  private final Cipher ingressCipher;
  private final BlockCipher macCipher;
  private final MacState egressMac;
  private final MacState ingressMac;
  private final int maxFrameSize;

  FrameCodec(Secrets secrets, int maxFrameSize) {
    this(secrets.aesSecret(), secrets.macSecret(), secrets.egressMac(), secrets.ingressMac(), maxFrameSize);
  }

  FrameCodec(byte[] aesSecret, byte[] macSecret, MacState egressMac, MacState ingressMac, int maxFrameSize) {
    this.egressCipher = ctr(aesSecret);
    this.ingressCipher = ctr(aesSecret);
    this.macCipher = AESEngine.newInstance();
    this.macCipher.init(true, new KeyParameter(macSecret));
    this.egressMac = egressMac;
    this.ingressMac = ingressMac;
    this.maxFrameSize = maxFrameSize;
  }

  /** Size on the wire of a frame whose content is {@code contentSize} bytes. */
  static int frameSize(int contentSize) {
    return HEADER_WITH_MAC + padded(contentSize) + MAC_SIZE;
  }

  /** Bytes after the header (body ciphertext and frame MAC) of a frame with that content size. */
  static int bodySize(int contentSize) {
    return padded(contentSize) + MAC_SIZE;
  }

  /**
   * Encodes one frame: content {@code rlp(code) ‖ data}.
   *
   * @throws IllegalArgumentException when the content exceeds the frame cap (a local bug: callers
   *     check message sizes before sending)
   */
  byte[] encode(int code, byte[] data) {
    byte[] codeRlp = RlpWriter.encodeLong(code);
    int contentSize = codeRlp.length + data.length;
    if (contentSize > maxFrameSize) {
      throw new IllegalArgumentException("frame content of " + contentSize + " bytes exceeds the cap of " + maxFrameSize);
    }
    byte[] out = new byte[frameSize(contentSize)];
    out[0] = (byte) (contentSize >>> 16);
    out[1] = (byte) (contentSize >>> 8);
    out[2] = (byte) contentSize;
    System.arraycopy(HEADER_DATA, 0, out, 3, HEADER_DATA.length);
    stream(egressCipher, out, 0, HEADER_SIZE, out, 0);
    System.arraycopy(headerMac(egressMac, out, 0), 0, out, HEADER_SIZE, MAC_SIZE);
    int bodyAt = HEADER_WITH_MAC;
    System.arraycopy(codeRlp, 0, out, bodyAt, codeRlp.length);
    System.arraycopy(data, 0, out, bodyAt + codeRlp.length, data.length);
    int bodyLength = padded(contentSize);
    stream(egressCipher, out, bodyAt, bodyLength, out, bodyAt);
    System.arraycopy(frameMac(egressMac, out, bodyAt, bodyLength), 0, out, bodyAt + bodyLength, MAC_SIZE);
    return out;
  }

  /**
   * Checks the header MAC of the {@value #HEADER_WITH_MAC} bytes at {@code offset}, decrypts the
   * header and returns the content size it announces.
   *
   * @throws RlpxException {@link RlpxException.Reason#BAD_MAC} or {@link
   *     RlpxException.Reason#FRAME_TOO_LARGE} (or a zero size, which no message has)
   */
  int readHeader(byte[] bytes, int offset) {
    byte[] expected = headerMac(ingressMac, bytes, offset);
    if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(MAC_SIZE, expected, 0, bytes, offset + HEADER_SIZE)) {
      throw new RlpxException(RlpxException.Reason.BAD_MAC, "frame header MAC does not match");
    }
    byte[] header = new byte[HEADER_SIZE];
    stream(ingressCipher, bytes, offset, HEADER_SIZE, header, 0);
    int size = (header[0] & 0xFF) << 16 | (header[1] & 0xFF) << 8 | (header[2] & 0xFF);
    if (size > maxFrameSize) {
      throw new RlpxException(RlpxException.Reason.FRAME_TOO_LARGE,
          "frame header announces " + size + " bytes, the cap is " + maxFrameSize);
    }
    if (size == 0) {
      throw new RlpxException(RlpxException.Reason.MALFORMED_FRAME, "frame header announces an empty frame");
    }
    return size;
  }

  /**
   * Checks the frame MAC of the {@link #bodySize} bytes at {@code offset} and decrypts the content.
   *
   * @throws RlpxException {@link RlpxException.Reason#BAD_MAC} or {@link
   *     RlpxException.Reason#MALFORMED_FRAME} when the content does not start with a message code
   */
  RlpxFrame readBody(byte[] bytes, int offset, int contentSize) {
    int bodyLength = padded(contentSize);
    byte[] expected = frameMac(ingressMac, bytes, offset, bodyLength);
    if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(MAC_SIZE, expected, 0, bytes, offset + bodyLength)) {
      throw new RlpxException(RlpxException.Reason.BAD_MAC, "frame body MAC does not match");
    }
    byte[] content = new byte[bodyLength];
    stream(ingressCipher, bytes, offset, bodyLength, content, 0);
    return parseContent(content, contentSize);
  }

  /** Splits {@code msg-id ‖ msg-data}; the id is an RLP integer. */
  static RlpxFrame parseContent(byte[] content, int contentSize) {
    try {
      RlpReader reader = RlpReader.wrap(content, 0, contentSize);
      int code = reader.readInt();
      return new RlpxFrame(code, Arrays.copyOfRange(content, reader.position(), contentSize));
    } catch (RlpException e) {
      throw new RlpxException(RlpxException.Reason.MALFORMED_FRAME, "message id: " + e.getMessage(), e);
    }
  }

  private byte[] headerMac(MacState mac, byte[] headerCiphertext, int offset) {
    byte[] seed = aesOf(mac.digest());
    for (int i = 0; i < MAC_SIZE; i++) {
      seed[i] ^= headerCiphertext[offset + i];
    }
    mac.update(seed, 0, MAC_SIZE);
    return Arrays.copyOf(mac.digest(), MAC_SIZE);
  }

  private byte[] frameMac(MacState mac, byte[] bodyCiphertext, int offset, int length) {
    mac.update(bodyCiphertext, offset, length);
    byte[] digest = mac.digest();
    byte[] seed = aesOf(digest);
    for (int i = 0; i < MAC_SIZE; i++) {
      seed[i] ^= digest[i];
    }
    mac.update(seed, 0, MAC_SIZE);
    return Arrays.copyOf(mac.digest(), MAC_SIZE);
  }

  /** AES-256 (one block, the MAC secret as key) of the digest's first 16 bytes. */
  private byte[] aesOf(byte[] digest) {
    byte[] out = new byte[MAC_SIZE];
    macCipher.processBlock(digest, 0, out, 0);
    return out;
  }

  private static int padded(int size) {
    return (size + 15) & ~15;
  }

  private static Cipher ctr(byte[] key) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
      return cipher;
    } catch (GeneralSecurityException e) {
      // Every Java runtime must provide AES/CTR/NoPadding with 256-bit keys.
      throw new IllegalStateException("AES-256-CTR is not available in this Java runtime", e);
    }
  }

  /**
   * Runs {@code length} bytes through the continuous key stream of one direction, in pieces of at
   * most {@value #STREAM_PIECE} bytes. The JVM swaps in its AES-NI routine only once the calling
   * code is hot, and a sync moves its bytes in a few thousand frames of up to megabytes: passed
   * whole, they ran on the JDK's Java AES at about 2.5 ns a byte for the whole sync; in pieces the
   * intrinsic takes over within megabytes and runs at about 0.1 ns a byte.
   */
  private static void stream(Cipher cipher, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
    try {
      for (int done = 0; done < length; done += STREAM_PIECE) {
        int piece = Math.min(STREAM_PIECE, length - done);
        cipher.update(in, inOffset + done, piece, out, outOffset + done);
      }
    } catch (ShortBufferException e) {
      throw new IllegalStateException("output room was sized for the input", e);
    }
  }
}
