package io.headersync.sync.api;

/**
 * Receives the outcome of one request sent to one peer. A transport calls exactly one of the two
 * methods at most once per request (a peer that never answers calls neither; time-outs are the
 * caller's business), always on the sync event loop and never from inside the call that sent the
 * request.
 */
public interface PeerResponseListener<T> {

  void onResponse(PeerResponse<T> response);

  void onError(PeerError error);
}
