package io.headersync.p2p.fuzz;

import io.headersync.p2p.rlpx.ProtocolChannel;
import io.headersync.p2p.rlpx.ProtocolFactory;
import io.headersync.p2p.rlpx.ProtocolHandler;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import java.util.List;

/** A sub-protocol ({@code tst/1}, eight message codes) that only counts what reaches it. */
final class SinkProtocol implements ProtocolFactory {

  static final Capability TST = new Capability("tst", 1);
  static final int MESSAGE_SPACE = 8;

  long delivered;
  long closed;

  @Override
  public List<Capability> capabilities() {
    return List.of(TST);
  }

  @Override
  public int messageSpace(Capability capability) {
    return MESSAGE_SPACE;
  }

  @Override
  public ProtocolHandler open(ProtocolChannel channel) {
    return new ProtocolHandler() {
      @Override
      public void onMessage(int code, byte[] payload) {
        delivered++;
      }

      @Override
      public void onClosed(DisconnectReason reason, boolean byRemote) {
        closed++;
      }
    };
  }
}
