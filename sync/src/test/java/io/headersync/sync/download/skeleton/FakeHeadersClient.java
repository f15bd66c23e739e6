package io.headersync.sync.download.skeleton;

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
import java.util.ArrayList;
import java.util.List;

/** A client the test answers by hand; it records requests and peer reports. */
final class FakeHeadersClient implements HeadersClient {

  static final class Sent implements RequestTicket {
    final long id;
    final HeadersRequest request;
    final RequestOptions options;
    final RequestListener<List<BlockHeader>> listener;
    boolean done;
    boolean cancelled;

    Sent(long id, HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
      this.id = id;
      this.request = request;
      this.options = options;
      this.listener = listener;
    }

    void answer(String peer, List<BlockHeader> headers) {
      done = true;
      listener.onResponse(new PeerResponse<>(PeerId.of(peer), headers));
    }

    void fail(RequestFailure.Reason reason) {
      done = true;
      listener.onFailure(new RequestFailure(reason, 4, "test"));
    }

    @Override
    public long id() {
      return id;
    }

    @Override
    public boolean cancel() {
      boolean was = !done && !cancelled;
      cancelled = true;
      return was;
    }
  }

  record Report(PeerId peer, Offence offence, String detail) {}

  final List<Sent> sent = new ArrayList<>();
  final List<Report> reports = new ArrayList<>();

  @Override
  public RequestTicket requestHeaders(HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
    Sent s = new Sent(sent.size() + 1, request, options, listener);
    sent.add(s);
    return s;
  }

  @Override
  public void reportPeer(PeerId peer, Offence offence, String detail) {
    reports.add(new Report(peer, offence, detail));
  }

  List<Sent> open() {
    return sent.stream().filter(s -> !s.done && !s.cancelled).toList();
  }

  List<Sent> openWithSkip() {
    return open().stream().filter(s -> s.request.skip() > 0).toList();
  }
}
