package io.headersync.sync.api;

/**
 * Receives the end of one request submitted to a {@link HeadersClient} or {@link BodiesClient}:
 * either an answer that passed the client's own checks (it answers the question asked; whether
 * it fits the chain is for the caller to judge, and to report with {@link PeerReporter}) or a
 * failure. Exactly one method is called, once, on the sync event loop, unless the request was
 * cancelled first.
 */
public interface RequestListener<T> {

  void onResponse(PeerResponse<T> response);

  void onFailure(RequestFailure failure);
}
