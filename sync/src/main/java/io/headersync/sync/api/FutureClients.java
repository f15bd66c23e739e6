package io.headersync.sync.api;

import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.sync.time.TaskScheduler;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Future-shaped views of the clients, for callers outside the event loop (tools, the RPC
 * layer). Strategies use the listener form: a future's continuation may run on any thread.
 *
 * <p>The future fails with {@link RequestFailedException}; cancelling it withdraws the request.
 * Both the submission and the withdrawal are handed to the event loop, so these methods may be
 * called from any thread.
 */
public final class FutureClients {

  private FutureClients() {}

  /** Thrown through a future when its request failed. */
  public static final class RequestFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RequestFailure failure;

    public RequestFailedException(RequestFailure failure) {
      super(failure.toString());
      this.failure = failure;
    }

    public RequestFailure failure() {
      return failure;
    }
  }

  public static CompletableFuture<PeerResponse<List<BlockHeader>>> headers(
      HeadersClient client, TaskScheduler loop, HeadersRequest request, RequestOptions options) {
    FutureListener<List<BlockHeader>> listener = new FutureListener<>();
    loop.execute(() -> listener.attach(loop, client.requestHeaders(request, options, listener)));
    return listener.future;
  }

  public static CompletableFuture<PeerResponse<List<BlockBody>>> bodies(
      BodiesClient client, TaskScheduler loop, BodiesRequest request, RequestOptions options) {
    FutureListener<List<BlockBody>> listener = new FutureListener<>();
    loop.execute(() -> listener.attach(loop, client.requestBodies(request, options, listener)));
    return listener.future;
  }

  private static final class FutureListener<T> implements RequestListener<T> {
    final CompletableFuture<PeerResponse<T>> future = new CompletableFuture<>();

    void attach(TaskScheduler loop, RequestTicket ticket) {
      future.whenComplete((value, error) -> {
        if (future.isCancelled()) {
          loop.execute(ticket::cancel);
        }
      });
    }

    @Override
    public void onResponse(PeerResponse<T> response) {
      future.complete(response);
    }

    @Override
    public void onFailure(RequestFailure failure) {
      future.completeExceptionally(new RequestFailedException(failure));
    }
  }
}
