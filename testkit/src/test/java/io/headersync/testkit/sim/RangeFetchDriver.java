package io.headersync.testkit.sim;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestListener;
import io.headersync.testkit.chain.HeaderChain;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;

/**
 * A minimal single-threaded consumer of {@link HeadersClient} for simulation tests: fetches
 * {@code first..last} in batches with a bounded number outstanding, re-asks for what a partial
 * answer left out, and judges answers against a known chain (an oracle standing in for the chain
 * checks a real strategy makes), reporting peers whose headers are not on it.
 */
final class RangeFetchDriver {

  private final HeadersClient client;
  private final HeaderChain truth;
  private final long first;
  private final int maxOutstanding;
  private final ArrayDeque<long[]> todo = new ArrayDeque<>();
  private final BitSet received = new BitSet();
  private final long total;
  private int outstanding;
  int failures;
  int wrongAnswers;
  int highestOutstanding;

  RangeFetchDriver(HeadersClient client, HeaderChain truth, long first, long last, int batch, int maxOutstanding) {
    this.client = client;
    this.truth = truth;
    this.first = first;
    this.maxOutstanding = maxOutstanding;
    this.total = last - first + 1;
    for (long s = first; s <= last; s += batch) {
      todo.add(new long[] {s, Math.min(last, s + batch - 1)});
    }
  }

  void start() {
    pump();
  }

  boolean done() {
    return received.cardinality() == total;
  }

  long receivedCount() {
    return received.cardinality();
  }

  private void pump() {
    while (outstanding < maxOutstanding && !todo.isEmpty()) {
      long[] range = todo.poll();
      outstanding++;
      highestOutstanding = Math.max(highestOutstanding, outstanding);
      HeadersRequest request = HeadersRequest.ascending(range[0], (int) (range[1] - range[0] + 1));
      client.requestHeaders(request, new RequestListener<>() {
        @Override
        public void onResponse(PeerResponse<List<BlockHeader>> response) {
          outstanding--;
          accept(range, response);
          pump();
        }

        @Override
        public void onFailure(RequestFailure failure) {
          outstanding--;
          failures++;
          todo.addFirst(range);
          pump();
        }
      });
    }
  }

  private void accept(long[] range, PeerResponse<List<BlockHeader>> response) {
    long next = range[0];
    for (BlockHeader h : response.value()) {
      if (!h.hash().equals(truth.hash(h.number()))) {
        wrongAnswers++;
        client.reportPeer(response.peer(), Offence.WRONG_DATA, "#" + h.number() + " is not on the chain");
        break;
      }
      received.set((int) (h.number() - first));
      next = h.number() + 1;
    }
    if (next <= range[1]) {
      todo.addFirst(new long[] {next, range[1]});
    }
  }
}
