package io.headersync.sync.download;

/** How many requests a downloader keeps outstanding for the peers it can use. */
public final class RequestConcurrency {

  private RequestConcurrency() {}

  /** clamp(usablePeers × perPeer, min, max); fewer than no peers count as none. */
  public static int forPeers(int usablePeers, int perPeer, int min, int max) {
    long wanted = (long) Math.max(0, usablePeers) * perPeer;
    return (int) Math.max(min, Math.min(max, wanted));
  }
}
