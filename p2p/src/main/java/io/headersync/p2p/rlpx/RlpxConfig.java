package io.headersync.p2p.rlpx;

import java.time.Duration;
import java.util.Objects;

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
 * @param baseMessageRate base-protocol messages after Hello (Ping, Pong and the unassigned codes
 *     0x04 to 0x0f) a peer may send; past it the session sends Disconnect
 *     {@code BREACH_OF_PROTOCOL} and closes. Default a burst of 32 and 2 a second: an honest peer
 *     sends about two in 15 s (its own Ping, geth's interval, and the Pong to ours), so this is
 *     fifteen times that with room for a burst at connect, while a flooder is cut off after a few
 *     dozen Pongs (about 64 bytes each on the wire) instead of making us answer every Ping.
 *     {@code BREACH_OF_PROTOCOL} rather than {@code TOO_MANY_PEERS}: the latter says we are full
 *     and invites the peer to come back, where this is a fault of the peer's, the reason geth sends
 *     for a peer breaking the protocol's rules.
 * @param writeBufferLowMark bytes queued for one connection (not yet taken by the kernel) below
 *     which an unwritable connection turns writable and we read from the peer again. Default 512 KiB.
 * @param writeBufferHighMark bytes queued for one connection above which it turns unwritable and
 *     we stop reading from the peer until the queue drains below the low mark, so a peer that does
 *     not read our answers cannot make us queue more; if it stays that way, the idle watch drops
 *     it after two idle periods without a read. Default 2 MiB: one full headers or bodies answer
 *     (2 MiB, the eth soft limit) fits while the kernel's send buffer holds more, so a peer that
 *     reads keeps its pipeline full; what one session can queue is then the high mark plus the
 *     answers to the frames of the read in progress when the mark was crossed.
 */
public record RlpxConfig(
    int maxHandshakeSize,
    int maxFrameSize,
    int maxMessageSize,
    Duration handshakeTimeout,
    Duration idleTimeout,
    Duration disconnectGrace,
    RateLimit baseMessageRate,
    int writeBufferLowMark,
    int writeBufferHighMark) {

  /** A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}. */
  public record RateLimit(int burst, double perSecond) {
    public RateLimit {
      if (burst < 1 || !(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive finite rate, got "
            + burst + " and " + perSecond);
      }
    }
  }

  /** The largest value a 24-bit frame size can hold. */
  public static final int FRAME_SIZE_LIMIT = 0xFFFFFF;

  public static final RlpxConfig DEFAULT = new RlpxConfig(
      2048, FRAME_SIZE_LIMIT, 16 * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(2),
      new RateLimit(32, 2), 512 * 1024, 2 * 1024 * 1024);

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
    Objects.requireNonNull(baseMessageRate, "baseMessageRate");
    if (writeBufferLowMark < 1 || writeBufferHighMark < writeBufferLowMark) {
      throw new IllegalArgumentException("write buffer marks need 0 < low <= high, got " + writeBufferLowMark + " and "
          + writeBufferHighMark);
    }
  }

  public RlpxConfig withHandshakeTimeout(Duration d) {
    return new RlpxConfig(maxHandshakeSize, maxFrameSize, maxMessageSize, d, idleTimeout, disconnectGrace,
        baseMessageRate, writeBufferLowMark, writeBufferHighMark);
  }

  public RlpxConfig withIdleTimeout(Duration d) {
    return new RlpxConfig(maxHandshakeSize, maxFrameSize, maxMessageSize, handshakeTimeout, d, disconnectGrace,
        baseMessageRate, writeBufferLowMark, writeBufferHighMark);
  }

  public RlpxConfig withDisconnectGrace(Duration d) {
    return new RlpxConfig(maxHandshakeSize, maxFrameSize, maxMessageSize, handshakeTimeout, idleTimeout, d,
        baseMessageRate, writeBufferLowMark, writeBufferHighMark);
  }

  public RlpxConfig withMaxFrameSize(int size) {
    return new RlpxConfig(maxHandshakeSize, size, maxMessageSize, handshakeTimeout, idleTimeout, disconnectGrace,
        baseMessageRate, writeBufferLowMark, writeBufferHighMark);
  }

  public RlpxConfig withMaxMessageSize(int size) {
    return new RlpxConfig(maxHandshakeSize, maxFrameSize, size, handshakeTimeout, idleTimeout, disconnectGrace,
        baseMessageRate, writeBufferLowMark, writeBufferHighMark);
  }

  public RlpxConfig withBaseMessageRate(RateLimit rate) {
    return new RlpxConfig(maxHandshakeSize, maxFrameSize, maxMessageSize, handshakeTimeout, idleTimeout, disconnectGrace,
        rate, writeBufferLowMark, writeBufferHighMark);
  }

  public RlpxConfig withWriteBufferMarks(int low, int high) {
    return new RlpxConfig(maxHandshakeSize, maxFrameSize, maxMessageSize, handshakeTimeout, idleTimeout, disconnectGrace,
        baseMessageRate, low, high);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
