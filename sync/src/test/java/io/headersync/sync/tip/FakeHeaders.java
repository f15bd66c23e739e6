package io.headersync.sync.tip;

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

/** A headers client answered by hand, recording requests and reports. */
final class FakeHeaders implements HeadersClient {

  record Report(PeerId peer, Offence offence, String detail) {}

  static final class Req implements RequestTicket {
    final HeadersRequest request;
    final RequestOptions options;
    final RequestListener<List<BlockHeader>> listener;
    boolean cancelled;
    boolean done;

    Req(HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
      this.request = request;
      this.options = options;
      this.listener = listener;
    }

    @Override
    public long id() {
      return 0;
    }

    @Override
    public boolean cancel() {
      boolean was = !cancelled && !done;
      cancelled = true;
      return was;
    }

    void answer(String peer, BlockHeader header) {
      done = true;
      listener.onResponse(new PeerResponse<>(PeerId.of(peer), List.of(header)));
    }

    void fail() {
      done = true;
      listener.onFailure(new RequestFailure(RequestFailure.Reason.NO_SUITABLE_PEER, 0, "test"));
    }
  }

  final List<Req> requests = new ArrayList<>();
  final List<Report> reports = new ArrayList<>();

  @Override
  public RequestTicket requestHeaders(HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
    Req r = new Req(request, options, listener);
    requests.add(r);
    return r;
  }

  @Override
  public void reportPeer(PeerId peer, Offence offence, String detail) {
    reports.add(new Report(peer, offence, detail));
  }

  List<Req> open() {
    return requests.stream().filter(r -> !r.cancelled && !r.done).toList();
  }
}
