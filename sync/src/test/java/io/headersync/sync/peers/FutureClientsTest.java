package io.headersync.sync.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.FutureClients;
import io.headersync.sync.api.HeadersRequest;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestOptions;
import io.headersync.sync.testing.ManualScheduler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FutureClientsTest {

  private final ManualScheduler loop = new ManualScheduler();
  private final RequestScheduler scheduler = new RequestScheduler(SchedulerConfig.DEFAULT, loop);
  private final FakePeer peer = new FakePeer("a", 1000);

  FutureClientsTest() {
    scheduler.peerConnected(peer);
  }

  @Test
  void completesWithTheAnswer() throws Exception {
    CompletableFuture<PeerResponse<List<BlockHeader>>> f =
        FutureClients.headers(scheduler, loop, HeadersRequest.ascending(5, 3), RequestOptions.normal());
    assertThat(peer.sent).as("submitted on the loop, not by the caller").isEmpty();
    loop.runDue();
    peer.answerLast(TestHeaders.range(5, 3));
    assertThat(f.get().value()).isEqualTo(TestHeaders.range(5, 3));
    assertThat(f.get().peer()).isEqualTo(peer.id);
  }

  @Test
  void failsWithTheFailure() {
    CompletableFuture<PeerResponse<List<BlockHeader>>> f =
        FutureClients.headers(scheduler, loop, HeadersRequest.ascending(5000, 3), RequestOptions.normal());
    loop.advance(SchedulerConfig.DEFAULT.maxQueueWait());
    assertThat(f).isCompletedExceptionally();
    try {
      f.get();
    } catch (ExecutionException | InterruptedException e) {
      assertThat(e.getCause()).isInstanceOfSatisfying(FutureClients.RequestFailedException.class,
          x -> assertThat(x.failure().reason()).isEqualTo(RequestFailure.Reason.NO_SUITABLE_PEER));
    }
  }

  @Test
  void cancellingWithdrawsTheRequest() {
    CompletableFuture<PeerResponse<List<BlockHeader>>> f =
        FutureClients.headers(scheduler, loop, HeadersRequest.ascending(5000, 3), RequestOptions.normal());
    loop.runDue();
    assertThat(scheduler.queuedRequests()).isEqualTo(1);
    f.cancel(false);
    loop.runDue();
    assertThat(scheduler.queuedRequests()).isZero();
    assertThat(scheduler.counters().get(SchedulerCounter.REQUESTS_CANCELLED)).isEqualTo(1);
  }
}
