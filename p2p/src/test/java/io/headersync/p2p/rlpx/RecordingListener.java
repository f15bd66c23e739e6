package io.headersync.p2p.rlpx;

import io.headersync.sync.api.DisconnectReason;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A session listener for tests: records admissions, round trips and closes; may refuse everything. */
final class RecordingListener implements SessionListener {

  record Closed(RlpxSession session, DisconnectReason reason, boolean byRemote) {}

  private final DisconnectReason refuseWith;
  final BlockingQueue<RlpxSession> admitted = new LinkedBlockingQueue<>();
  final BlockingQueue<Duration> roundTrips = new LinkedBlockingQueue<>();
  final BlockingQueue<Closed> closed = new LinkedBlockingQueue<>();

  RecordingListener() {
    this(null);
  }

  RecordingListener(DisconnectReason refuseWith) {
    this.refuseWith = refuseWith;
  }

  @Override
  public Optional<DisconnectReason> admit(RlpxSession session) {
    if (refuseWith != null) {
      return Optional.of(refuseWith);
    }
    admitted.add(session);
    return Optional.empty();
  }

  @Override
  public void onRoundTrip(RlpxSession session, Duration roundTrip) {
    roundTrips.add(roundTrip);
  }

  @Override
  public void onClosed(RlpxSession session, DisconnectReason reason, boolean byRemote) {
    closed.add(new Closed(session, reason, byRemote));
  }
}
