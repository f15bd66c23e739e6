package io.headersync.p2p.rlpx;

import io.headersync.sync.api.Capability;
import java.util.List;

/**
 * Offers a sub-protocol to RLPx sessions: the capabilities it can speak (advertised in Hello) and
 * a handler for each session where one of them was agreed. The session picks the highest version
 * both sides share, as devp2p's capability negotiation says.
 */
public interface ProtocolFactory {

  /** The capabilities offered, such as {@code eth/68} and {@code eth/69}. */
  List<Capability> capabilities();

  /** How many message codes the capability's version uses (eth/68: 17, eth/69: 18). */
  int messageSpace(Capability capability);

  /** A handler for a fresh session that agreed on {@code channel.capability()}. */
  ProtocolHandler open(ProtocolChannel channel);
}
