package io.headersync.p2p.rlpx;

import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** A sub-protocol for tests: records every message and close it sees; its channels can be used to send. */
final class TestProtocol implements ProtocolFactory {

  record Received(int code, byte[] payload) {}

  record Closed(DisconnectReason reason, boolean byRemote) {}

  private final List<Capability> capabilities;
  private final int messageSpace;
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final BlockingQueue<Closed> closed = new LinkedBlockingQueue<>();
  final BlockingQueue<ProtocolChannel> channels = new LinkedBlockingQueue<>();
  final List<ProtocolChannel> opened = new CopyOnWriteArrayList<>();

  TestProtocol(int messageSpace, Capability... capabilities) {
    this.capabilities = List.of(capabilities);
    this.messageSpace = messageSpace;
  }

  @Override
  public List<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public int messageSpace(Capability capability) {
    return messageSpace;
  }

  @Override
  public ProtocolHandler open(ProtocolChannel channel) {
    opened.add(channel);
    channels.add(channel);
    return new ProtocolHandler() {
      @Override
      public void onMessage(int code, byte[] payload) {
        received.add(new Received(code, payload));
      }

      @Override
      public void onClosed(DisconnectReason reason, boolean byRemote) {
        closed.add(new Closed(reason, byRemote));
      }
    };
  }
}
