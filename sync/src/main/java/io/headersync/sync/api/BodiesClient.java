package io.headersync.sync.api;

import io.headersync.core.block.BlockBody;
import java.util.List;

/**
 * Asks the network for block bodies. The answer is a prefix of the bodies asked for, in the same
 * order; whether each body matches its header's roots is for the caller to check.
 */
public interface BodiesClient extends PeerReporter {

  RequestTicket requestBodies(BodiesRequest request, RequestOptions options, RequestListener<List<BlockBody>> listener);

  default RequestTicket requestBodies(BodiesRequest request, RequestListener<List<BlockBody>> listener) {
    return requestBodies(request, RequestOptions.normal(), listener);
  }
}
