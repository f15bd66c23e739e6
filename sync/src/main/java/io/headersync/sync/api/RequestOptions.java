package io.headersync.sync.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a request is to be scheduled.
 *
 * @param priority its place in the queue
 * @param requiredRange blocks a peer must claim to have to be asked; empty means "derive it from
 *     the request" (a request by hash has no range unless the caller, who usually knows the number
 *     behind the hash, gives one)
 * @param avoid peers to ask only when no other suitable peer is free, as if the request had
 *     already tried them (for a second opinion: a caller that must not take one peer's word for
 *     its own answer asks the neighbouring question of someone else)
 */
public record RequestOptions(Priority priority, Optional<BlockRange> requiredRange, Set<PeerId> avoid) {

  public RequestOptions {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(requiredRange, "requiredRange");
    avoid = Set.copyOf(avoid);
  }

  public RequestOptions(Priority priority, Optional<BlockRange> requiredRange) {
    this(priority, requiredRange, Set.of());
  }

  public static RequestOptions normal() {
    return new RequestOptions(Priority.NORMAL, Optional.empty());
  }

  public static RequestOptions of(Priority priority) {
    return new RequestOptions(priority, Optional.empty());
  }

  public RequestOptions requiring(BlockRange range) {
    return new RequestOptions(priority, Optional.of(range), avoid);
  }

  /** These options, preferring any other suitable peer to the ones in {@code peers}. */
  public RequestOptions avoiding(Set<PeerId> peers) {
    return new RequestOptions(priority, requiredRange, peers);
  }
}
