package io.headersync.sync.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One GetBlockHeaders question: {@code limit} headers starting at {@code origin}, leaving
 * {@code skip} blocks between consecutive ones, walking towards lower numbers when
 * {@code reverse}.
 *
 * <p>A peer may answer with fewer headers than asked (serving limits, or it does not have them);
 * it must never answer with more, or with headers that do not follow this pattern.
 */
public record HeadersRequest(BlockOrigin origin, int limit, int skip, boolean reverse) {

  public HeadersRequest {
    Objects.requireNonNull(origin, "origin");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    if (skip < 0) {
      throw new IllegalArgumentException("skip must not be negative, got " + skip);
    }
  }

  /** {@code count} consecutive headers from {@code first} upwards. */
  public static HeadersRequest ascending(long first, int count) {
    return new HeadersRequest(BlockOrigin.number(first), count, 0, false);
  }

  /** {@code count} consecutive headers from {@code last} downwards. */
  public static HeadersRequest descending(long last, int count) {
    return new HeadersRequest(BlockOrigin.number(last), count, 0, true);
  }

  /** The origin's number, when the request starts at a number. */
  public OptionalLong originNumber() {
    return origin instanceof BlockOrigin.ByNumber n ? OptionalLong.of(n.number()) : OptionalLong.empty();
  }

  /** How far apart consecutive answers are in block numbers: {@code skip + 1}, negative when reverse. */
  public long step() {
    long stride = (long) skip + 1;
    return reverse ? -stride : stride;
  }

  /**
   * The block numbers this request touches, when its origin is a number: from the lowest to the
   * highest header it could return (a reverse request is cut off at block zero).
   */
  public Optional<BlockRange> span() {
    if (!(origin instanceof BlockOrigin.ByNumber n)) {
      return Optional.empty();
    }
    long distance = ((long) limit - 1) * ((long) skip + 1);
    if (reverse) {
      return Optional.of(new BlockRange(Math.max(0, n.number() - distance), n.number()));
    }
    long last = n.number() + distance;
    return Optional.of(new BlockRange(n.number(), last < 0 ? Long.MAX_VALUE : last));
  }

  @Override
  public String toString() {
    return "headers(" + origin + ", limit " + limit + ", skip " + skip + (reverse ? ", reverse)" : ")");
  }
}
