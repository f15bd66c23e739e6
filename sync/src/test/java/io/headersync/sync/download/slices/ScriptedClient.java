package io.headersync.sync.download.slices;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A headers client the test answers by hand (or with a function), recording every request and
 * every peer report. Cancelled requests are never answered, as the real scheduler promises.
 */
final class ScriptedClient implements HeadersClient {

  record Report(PeerId peer, Offence offence, String detail) {}

  final class Sent implements RequestTicket {
    final long id;
    final HeadersRequest request;
    final RequestOptions options;
    final RequestListener<List<BlockHeader>> listener;
    boolean cancelled;
    boolean done;

    Sent(long id, HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
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

    long origin() {
      return request.originNumber().orElse(-1);
    }

    void answer(String peer, List<BlockHeader> headers) {
      if (cancelled || done) {
        throw new IllegalStateException("request " + request + " is no longer pending");
      }
      done = true;
      listener.onResponse(new PeerResponse<>(PeerId.of(peer), headers));
    }

    void fail() {
      done = true;
      listener.onFailure(new RequestFailure(RequestFailure.Reason.RETRIES_EXHAUSTED, 4, "test"));
    }
  }

  final List<Sent> sent = new ArrayList<>();
  final List<Report> reports = new ArrayList<>();
  private final ManualScheduler loop;
  private Function<HeadersRequest, PeerResponse<List<BlockHeader>>> auto;
  private long nextId = 1;

  ScriptedClient(ManualScheduler loop) {
    this.loop = loop;
  }

  /** Answers every request, on the loop, with what {@code answer} gives. */
  void answerWith(Function<HeadersRequest, PeerResponse<List<BlockHeader>>> answer) {
    auto = answer;
  }

  @Override
  public RequestTicket requestHeaders(HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
    Sent s = new Sent(nextId++, request, options, listener);
    sent.add(s);
    if (auto != null) {
      loop.execute(() -> {
        if (!s.cancelled && !s.done) {
          s.done = true;
          listener.onResponse(auto.apply(request));
        }
      });
    }
    return s;
  }

  @Override
  public void reportPeer(PeerId peer, Offence offence, String detail) {
    reports.add(new Report(peer, offence, detail));
  }

  /** Requests neither answered nor cancelled, oldest first. */
  List<Sent> pending() {
    return sent.stream().filter(s -> !s.cancelled && !s.done).toList();
  }

  /** The pending request starting at block {@code origin}. */
  Sent pendingAt(long origin) {
    return pending().stream().filter(s -> s.origin() == origin).findFirst()
        .orElseThrow(() -> new AssertionError("no pending request at #" + origin + "; pending: "
            + pending().stream().map(p -> p.request.toString()).toList()));
  }

  List<PeerId> reported(Offence offence) {
    return reports.stream().filter(r -> r.offence() == offence).map(Report::peer).toList();
  }
}
