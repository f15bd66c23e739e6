package io.headersync.testkit.live;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.sync.api.BodiesClient;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.HeadersClient;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerId;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.api.RequestTicket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Passes requests on to the real clients, counting how often each block's body was asked for. */
final class CountingClients implements HeadersClient, BodiesClient {

  private final HeadersClient headers;
  private final BodiesClient bodies;
  final Map<Hash, Integer> bodyAsks = new HashMap<>();
  int headerRequests;
  int bodyRequests;
  int reports;

  CountingClients(HeadersClient headers, BodiesClient bodies) {
    this.headers = headers;
    this.bodies = bodies;
  }

  @Override
  public RequestTicket requestHeaders(HeadersRequest request, RequestOptions options, RequestListener<List<BlockHeader>> listener) {
    headerRequests++;
    return headers.requestHeaders(request, options, listener);
  }

  @Override
  public RequestTicket requestBodies(BodiesRequest request, RequestOptions options, RequestListener<List<BlockBody>> listener) {
    bodyRequests++;
    for (Hash h : request.hashes()) {
      bodyAsks.merge(h, 1, Integer::sum);
    }
    return bodies.requestBodies(request, options, listener);
  }

  @Override
  public void reportPeer(PeerId peer, Offence offence, String detail) {
    reports++;
    headers.reportPeer(peer, offence, detail);
  }
}
