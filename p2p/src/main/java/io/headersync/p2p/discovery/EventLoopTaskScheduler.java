package io.headersync.p2p.discovery;

import io.headersync.sync.time.Cancellable;
import io.headersync.sync.time.SystemTimeSource;
import io.headersync.sync.time.TaskScheduler;
import io.headersync.sync.time.TimeSource;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Netty event loop seen as a {@link TaskScheduler}: timers and datagrams of one discovery
 * service then run on the same thread, one at a time.
 */
final class EventLoopTaskScheduler implements TaskScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(EventLoopTaskScheduler.class);
  private final EventLoop loop;

  EventLoopTaskScheduler(EventLoop loop) {
    this.loop = loop;
  }

  @Override
  public TimeSource timeSource() {
    return SystemTimeSource.INSTANCE;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    if (loop.isShuttingDown()) {
      return Cancellable.NONE;
    }
    try {
      ScheduledFuture<?> f = loop.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException stopping) {
      // The service stopped between the check and the call: nothing left to run it for.
      return Cancellable.NONE;
    }
  }

  @Override
  public void execute(Runnable task) {
    if (!loop.isShuttingDown()) {
      try {
        loop.execute(guarded(task));
      } catch (RejectedExecutionException stopping) {
        // As above: the service is stopping.
      }
    }
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // A bug in one timer must not stop discovery; it is logged with its stack.
        LOG.error("discovery task failed", e);
      }
    };
  }
}
