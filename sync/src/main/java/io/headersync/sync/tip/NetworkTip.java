package io.headersync.sync.tip;

import io.headersync.core.bytes.Hash;
import java.util.Objects;

/**
 * What the connected peers' heads say about the network's tip.
 *
 * @param number the median of the counted peers' head numbers (the lower one for an even count)
 * @param hash the head hash most counted peers at that number claim (ties: the smallest hash)
 * @param countedPeers how many peers' heads made the estimate
 * @param supporters how many of them claim {@code hash}
 * @param stale true when fewer than the configured minimum of peers saw their head advance within
 *     the stale limit, so the estimate is made of heads that stopped moving
 */
public record NetworkTip(long number, Hash hash, int countedPeers, int supporters, boolean stale) {

  public NetworkTip {
    Objects.requireNonNull(hash, "hash");
  }
}
