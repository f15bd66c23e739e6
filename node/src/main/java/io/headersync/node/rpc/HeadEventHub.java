package io.headersync.node.rpc;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans head events out to listeners: whatever moves the canonical head (the sync pipeline, the
 * Engine API, a {@link StoreHeadWatcher}) publishes here, and RPC subscriptions listen.
 *
 * <p>Thread-safe. Listeners run on the publisher's thread in registration order; one that throws
 * is logged and does not stop the others.
 */
public final class HeadEventHub implements HeadEvents {

  private static final Logger LOG = LoggerFactory.getLogger(HeadEventHub.class);

  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

  @Override
  public Registration subscribe(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void publish(HeadEvent event) {
    Objects.requireNonNull(event, "event");
    for (Listener listener : listeners) {
      try {
        listener.onHeadEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("head event listener {} failed on {}", listener, event, e);
      }
    }
  }

  public int listenerCount() {
    return listeners.size();
  }
}
