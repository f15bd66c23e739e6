package io.headersync.sync.api;

import io.headersync.core.block.BlockHeader;
import java.util.List;

/**
 * Asks the network for headers. The client picks the peer, times the request out and retries on
 * another peer as it sees fit; the answer names the peer that gave it.
 */
public interface HeadersClient extends PeerReporter {

  RequestTicket requestHeaders(HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener);

  default RequestTicket requestHeaders(HeadersRequest request, RequestListener<List<BlockHeader>> listener) {
    return requestHeaders(request, RequestOptions.normal(), listener);
  }
}
