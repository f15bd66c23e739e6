package io.headersync.p2p.eth;

import io.headersync.p2p.rlpx.ProtocolChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * Where an eth peer learns the round-trip time its transport measured (such as the RLPx
 * Ping/Pong); {@link #NONE} when the transport measures none.
 */
@FunctionalInterface
public interface RoundTripProbe {

  RoundTripProbe NONE = channel -> Optional.empty();

  Optional<Duration> roundTrip(ProtocolChannel channel);
}
