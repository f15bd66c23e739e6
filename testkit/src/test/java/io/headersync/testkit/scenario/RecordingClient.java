package io.headersync.testkit.scenario;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import java.util.ArrayList;
import java.util.List;

/** Passes requests through to the real client and remembers what one downloader asked for. */
public final class RecordingClient implements HeadersClient {

  private final HeadersClient inner;
  private final List<HeadersRequest> requests = new ArrayList<>();

  RecordingClient(HeadersClient inner) {
    this.inner = inner;
  }

  /** Every request, in the order asked. */
  public List<HeadersRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public RequestTicket requestHeaders(HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
    requests.add(request);
    return inner.requestHeaders(request, options, listener);
  }

  @Override
  public void reportPeer(PeerId peer, Offence offence, String detail) {
    inner.reportPeer(peer, offence, detail);
  }
}
