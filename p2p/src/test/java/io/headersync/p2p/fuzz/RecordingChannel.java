package io.headersync.p2p.fuzz;

import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.rlpx.ProtocolChannel;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import java.util.ArrayList;
import java.util.List;

/** A sub-protocol's channel that records what the handler sends and the one Disconnect it asks for. */
final class RecordingChannel implements ProtocolChannel {

  private static final NodeId REMOTE = NodeId.of(Mutator.randomBytes(new java.util.SplittableRandom(1), 64));

  private final Capability capability;
  final List<Integer> sentCodes = new ArrayList<>();
  DisconnectReason disconnect;
  int disconnects;

  RecordingChannel(Capability capability) {
    this.capability = capability;
  }

  @Override
  public NodeId remoteId() {
    return REMOTE;
  }

  @Override
  public Capability capability() {
    return capability;
  }

  @Override
  public String remoteClientId() {
    return "fuzzer/v1";
  }

  @Override
  public String remoteAddress() {
    return "192.0.2.1:30303";
  }

  @Override
  public boolean inbound() {
    return true;
  }

  @Override
  public void send(int code, byte[] payload) {
    sentCodes.add(code);
  }

  @Override
  public void disconnect(DisconnectReason reason) {
    disconnects++;
    if (disconnect == null) {
      disconnect = reason;
    }
  }

  @Override
  public boolean isOpen() {
    return disconnect == null;
  }
}
