package io.headersync.sync.peers;

import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestListener;
import java.util.ArrayList;
import java.util.List;

final class RecordingListener<T> implements RequestListener<T> {
  final List<PeerResponse<T>> responses = new ArrayList<>();
  final List<RequestFailure> failures = new ArrayList<>();

  @Override
  public void onResponse(PeerResponse<T> response) {
    responses.add(response);
  }

  @Override
  public void onFailure(RequestFailure failure) {
    failures.add(failure);
  }

  int calls() {
    return responses.size() + failures.size();
  }
}
