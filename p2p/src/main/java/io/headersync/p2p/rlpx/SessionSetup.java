package io.headersync.p2p.rlpx;

import io.headersync.p2p.identity.NodeKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What every session of one transport shares: our key and client name, the port we advertise,
 * the sub-protocols we offer, the limits, the listener and a source of randomness.
 */
record SessionSetup(
    NodeKey nodeKey,
    String clientId,
    IntSupplier listenPort,
    List<ProtocolFactory> protocols,
    RlpxConfig config,
    SessionListener listener,
    SecureRandom random) {

  SessionSetup {
    protocols = List.copyOf(protocols);
  }

  HelloMessage hello() {
    return new HelloMessage(HelloMessage.P2P_VERSION, clientId,
        protocols.stream().flatMap(p -> p.capabilities().stream()).distinct().toList(),
        listenPort.getAsInt(), nodeKey.nodeId());
  }
}
