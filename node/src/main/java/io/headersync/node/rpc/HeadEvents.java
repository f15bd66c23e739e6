package io.headersync.node.rpc;

/** Where {@code eth_subscribe("newHeads")} hears of head changes. */
public interface HeadEvents {

  /** Told of each head change, on the publisher's thread; must not block. */
  @FunctionalInterface
  interface Listener {
    void onHeadEvent(HeadEvent event);
  }

  /** Registers {@code listener} until the returned handle is closed. */
  Registration subscribe(Listener listener);

  /** Ends a subscription; closing twice is harmless. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
