package io.headersync.sync.api;

import java.util.Objects;
import java.util.Optional;

/**
 * How a request is to be scheduled.
 *
 * @param priority its place in the queue
 * @param requiredRange blocks a peer must claim to have to be asked; empty means "derive it from
 *     the request" (a request by hash has no range unless the caller, who usually knows the number
 *     behind the hash, gives one)
 */
public record RequestOptions(Priority priority, Optional<BlockRange> requiredRange) {

  public RequestOptions {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(requiredRange, "requiredRange");
  }

  public static RequestOptions normal() {
    return new RequestOptions(Priority.NORMAL, Optional.empty());
  }

  public static RequestOptions of(Priority priority) {
    return new RequestOptions(priority, Optional.empty());
  }

  public RequestOptions requiring(BlockRange range) {
    return new RequestOptions(priority, Optional.of(range));
  }
}
