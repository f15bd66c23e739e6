package io.headersync.p2p.eth;

import io.headersync.sync.api.PeerError;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.PeerResponseListener;

/** Records the one outcome of a request, and fails if it is reported twice or from inside the sending call. */
final class Captured<T> implements PeerResponseListener<T> {

  PeerResponse<T> response;
  PeerError error;
  int calls;
  boolean sending;

  @Override
  public void onResponse(PeerResponse<T> value) {
    record();
    response = value;
  }

  @Override
  public void onError(PeerError value) {
    record();
    error = value;
  }

  private void record() {
    if (sending) {
      throw new AssertionError("listener called from inside the call that sent the request");
    }
    if (++calls > 1) {
      throw new AssertionError("listener called twice");
    }
  }
}
