package io.headersync.p2p.rlpx;

import java.time.Duration;

/**
 * Limits and time-outs of RLPx sessions.
 *
 * @param maxHandshakeSize largest auth or ack message accepted, size prefix included. Default
 *     2 KiB: clients pad EIP-8 messages to at most about 600 bytes (geth adds 100 to 300 bytes of
 *     padding to a body of about 300), so this leaves room for future list elements while a
 *     half-open connection can make us hold little.
 * @param maxFrameSize largest frame content (message id and compressed data) accepted, checked on
 *     the header before the body is awaited. Default 16 MiB, the most a 24-bit frame size can say
 *     and geth's limit.
 * @param maxMessageSize largest message after decompression, checked on snappy's length header
 *     before decompressing. Default 16 MiB, the size the RLPx specification says to reject above.
 * @param handshakeTimeout time from connecting until both Hellos are exchanged. Default 5 s: a
 *     handshake is two round trips and two ECDH operations, well under a second between healthy
 *     peers on different continents; geth allows 5 s too.
 * @param idleTimeout time without any frame from the remote before we ping it; a second such
 *     period without a frame ends the session with {@code TIMEOUT}. Default 15 s, geth's ping
 *     interval, so a healthy peer that pings us keeps the session alive without our pings.
 * @param disconnectGrace how long to keep the connection open after sending a Disconnect, so the
 *     remote reads it before the socket closes (the specification suggests about 2 s). Default 2 s.
 */
public record RlpxConfig(
    int maxHandshakeSize,
    int maxFrameSize,
    int maxMessageSize,
    Duration handshakeTimeout,
    Duration idleTimeout,
    Duration disconnectGrace) {

  /** The largest value a 24-bit frame size can hold. */
  public static final int FRAME_SIZE_LIMIT = 0xFFFFFF;

  public static final RlpxConfig DEFAULT = new RlpxConfig(
      2048, FRAME_SIZE_LIMIT, 16 * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(2));

  public RlpxConfig {
    if (maxHandshakeSize < 512 || maxHandshakeSize > 2 + 0xFFFF) {
      throw new IllegalArgumentException("maxHandshakeSize must be in [512, 65537] (a legacy auth is 307 bytes), got "
          + maxHandshakeSize);
    }
    if (maxFrameSize < 1024 || maxFrameSize > FRAME_SIZE_LIMIT) {
      throw new IllegalArgumentException("maxFrameSize must be in [1024, " + FRAME_SIZE_LIMIT + "], got " + maxFrameSize);
    }
    if (maxMessageSize < 1024) {
      throw new IllegalArgumentException("maxMessageSize must be at least 1024, got " + maxMessageSize);
    }
    requirePositive(handshakeTimeout, "handshakeTimeout");
    requirePositive(idleTimeout, "idleTimeout");
    if (disconnectGrace == null || disconnectGrace.isNegative()) {
      throw new IllegalArgumentException("disconnectGrace must not be negative");
    }
  }

  public RlpxConfig withHandshakeTimeout(Duration d) {
    return new RlpxConfig(maxHandshakeSize, maxFrameSize, maxMessageSize, d, idleTimeout, disconnectGrace);
  }

  public RlpxConfig withIdleTimeout(Duration d) {
    return new RlpxConfig(maxHandshakeSize, maxFrameSize, maxMessageSize, handshakeTimeout, d, disconnectGrace);
  }

  public RlpxConfig withDisconnectGrace(Duration d) {
    return new RlpxConfig(maxHandshakeSize, maxFrameSize, maxMessageSize, handshakeTimeout, idleTimeout, d);
  }

  public RlpxConfig withMaxFrameSize(int size) {
    return new RlpxConfig(maxHandshakeSize, size, maxMessageSize, handshakeTimeout, idleTimeout, disconnectGrace);
  }

  public RlpxConfig withMaxMessageSize(int size) {
    return new RlpxConfig(maxHandshakeSize, maxFrameSize, size, handshakeTimeout, idleTimeout, disconnectGrace);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
