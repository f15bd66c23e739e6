package io.headersync.sync.download.reverse.testing;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A headers client the test answers by hand, recording requests and reports. */
public final class FakeHeadersClient implements HeadersClient {

  public record Report(PeerId peer, Offence offence, String detail) {}

  /** One submitted request. */
  public static final class Req implements RequestTicket {
    public final long id;
    public final HeadersRequest request;
    public final RequestOptions options;
    final RequestListener<List<BlockHeader>> listener;
    public boolean cancelled;
    public boolean done;

    Req(long id, HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
      this.id = id;
      this.request = request;
      this.options = options;
      this.listener = listener;
    }

    @Override
    public long id() {
      return id;
    }

    @Override
    public boolean cancel() {
      boolean was = !cancelled && !done;
      cancelled = true;
      return was;
    }

    public boolean open() {
      return !cancelled && !done;
    }

    public boolean byHash() {
      return request.origin() instanceof BlockOrigin.ByHash;
    }

    public long top() {
      return request.originNumber().orElseThrow();
    }

    @Override
    public String toString() {
      return request + (cancelled ? " cancelled" : done ? " done" : "");
    }
  }

  public final List<Req> requests = new ArrayList<>();
  public final List<Report> reports = new ArrayList<>();
  private long nextId = 1;

  @Override
  public RequestTicket requestHeaders(HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
    Req r = new Req(nextId++, request, options, listener);
    requests.add(r);
    return r;
  }

  @Override
  public void reportPeer(PeerId peer, Offence offence, String detail) {
    reports.add(new Report(peer, offence, detail));
  }

  public List<Req> open() {
    return requests.stream().filter(Req::open).toList();
  }

  public void answer(Req r, String peer, List<BlockHeader> headers) {
    if (!r.open()) {
      throw new IllegalStateException("request " + r + " is not open");
    }
    r.done = true;
    r.listener.onResponse(new PeerResponse<>(PeerId.of(peer), headers));
  }

  public void fail(Req r, RequestFailure.Reason reason) {
    r.done = true;
    r.listener.onFailure(new RequestFailure(reason, 1, "test"));
  }

  /** Answers {@code r} honestly from {@code chain}: by hash for the target, by numbers otherwise. */
  public void serve(Req r, String peer, TestChain chain) {
    answer(r, peer, honest(r, chain));
  }

  public static List<BlockHeader> honest(Req r, TestChain chain) {
    if (r.request.origin() instanceof BlockOrigin.ByHash h) {
      return chain.headers().stream().filter(x -> x.hash().equals(h.hash())).limit(1).toList();
    }
    return chain.descending(r.top(), r.request.limit());
  }

  /** Answers every open request with {@code answer}, oldest first, until none is open; returns how many. */
  public int drain(Function<Req, List<BlockHeader>> answer, String peer) {
    int n = 0;
    while (!open().isEmpty()) {
      Req r = open().getFirst();
      answer(r, peer, answer.apply(r));
      n++;
    }
    return n;
  }
}
