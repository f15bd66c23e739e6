package io.headersync.p2p.eth;

import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.rlpx.ProtocolChannel;
import io.headersync.p2p.rlpx.ProtocolFactory;
import io.headersync.p2p.rlpx.ProtocolHandler;
import io.headersync.sync.api.Capability;
import io.headersync.sync.api.DisconnectReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two {@link ProtocolChannel}s wired to each other in memory, as an RLPx session would after its
 * handshake. What one end sends waits on a shared wire until {@link #deliverAll()}, so handlers
 * are never re-entered and each sees messages one at a time, in order, as the seam promises. A
 * Disconnect closes both ends: the sender's handler hears it as its own, the other as the remote's.
 */
final class ChannelPair {

  private final ArrayDeque<Runnable> wire = new ArrayDeque<>();
  final End a;
  final End b;

  ChannelPair(Capability capability) {
    a = new End(nodeId(1), capability, "client-a", "10.0.0.1:30303", false);
    b = new End(nodeId(2), capability, "client-b", "10.0.0.2:30303", true);
    a.other = b;
    b.other = a;
  }

  /** Opens a handler from each factory on its end (each sends its Status at once). */
  ChannelPair open(ProtocolFactory atA, ProtocolFactory atB) {
    a.handler = atA.open(a);
    b.handler = atB.open(b);
    return this;
  }

  /** Opens {@code atA} on end a and leaves end b to a scripted handler. */
  ChannelPair open(ProtocolFactory atA, ProtocolHandler atB) {
    a.handler = atA.open(a);
    b.handler = atB;
    return this;
  }

  /** Delivers everything on the wire, including what delivery makes the handlers send; false when idle. */
  boolean deliverAll() {
    boolean any = false;
    Runnable next;
    while ((next = wire.poll()) != null) {
      next.run();
      any = true;
    }
    return any;
  }

  private static NodeId nodeId(int seed) {
    byte[] key = new byte[64];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return NodeId.of(key);
  }

  final class End implements ProtocolChannel {
    private final NodeId id;
    private final Capability capability;
    private final String clientId;
    private final String address;
    private final boolean inbound;
    End other;
    ProtocolHandler handler;
    boolean open = true;
    final List<Integer> sentCodes = new ArrayList<>();
    DisconnectReason sentDisconnect;
    DisconnectReason receivedDisconnect;

    End(NodeId id, Capability capability, String clientId, String address, boolean inbound) {
      this.id = id;
      this.capability = capability;
      this.clientId = clientId;
      this.address = address;
      this.inbound = inbound;
    }

    @Override
    public NodeId remoteId() {
      return other.id;
    }

    @Override
    public Capability capability() {
      return capability;
    }

    @Override
    public String remoteClientId() {
      return other.clientId;
    }

    @Override
    public String remoteAddress() {
      return other.address;
    }

    @Override
    public boolean inbound() {
      return inbound;
    }

    @Override
    public void send(int code, byte[] payload) {
      if (!open) {
        return;
      }
      sentCodes.add(code);
      byte[] copy = payload.clone();
      wire.add(() -> {
        if (other.open && other.handler != null) {
          other.handler.onMessage(code, copy);
        }
      });
    }

    @Override
    public void disconnect(DisconnectReason reason) {
      if (!open) {
        return;
      }
      open = false;
      sentDisconnect = reason;
      wire.add(() -> {
        handler.onClosed(reason, false);
        if (other.open) {
          other.open = false;
          other.receivedDisconnect = reason;
          other.handler.onClosed(reason, true);
        }
      });
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    /** The disconnect reason this end sent, if it hung up. */
    Optional<DisconnectReason> sentDisconnect() {
      return Optional.ofNullable(sentDisconnect);
    }
  }
}
