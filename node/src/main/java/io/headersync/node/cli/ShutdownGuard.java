package io.headersync.node.cli;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a long-running command stop cleanly on SIGTERM or Ctrl-C: the JVM's shutdown hook asks the
 * command to stop ({@link #stopRequested()}, {@link #onStop}), waits for it to finish its current
 * atomic write and close its store the normal way, and only if it has not done so within the grace
 * period closes the registered resources itself ({@link #closeOnStop}); the store's close waits for
 * a write in progress, so even then nothing half-written is left. Either way the next start resumes
 * from the last committed batch.
 *
 * <pre>{@code
 * try (ShutdownGuard guard = ShutdownGuard.install("import");
 *     HeaderStore store = guard.closeOnStop(Stores.open(datadir, chain))) {
 *   importer.importFiles(files, guard::stopRequested);
 * }
 * }</pre>
 *
 * Open the guard first, so that try-with-resources closes it last, after everything it guards.
 */
public final class ShutdownGuard implements AutoCloseable {

  /**
   * How long the hook waits for the command to stop by itself. 8 s: a command stops within one
   * batch (well under a second for an import chunk or a sync commit), and it leaves time before
   * the SIGKILL that Docker sends 10 s after its SIGTERM.
   */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(8);

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownGuard.class);

  private final String command;
  private final Duration grace;
  private final Thread hook;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final List<Runnable> stopActions = new ArrayList<>();
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private volatile boolean stopRequested;

  private ShutdownGuard(String command, Duration grace) {
    this.command = Objects.requireNonNull(command, "command");
    this.grace = Objects.requireNonNull(grace, "grace");
    this.hook = new Thread(this::stop, command + "-shutdown");
  }

  /** Installs a guard with the {@link #DEFAULT_GRACE default grace period}. */
  public static ShutdownGuard install(String command) {
    return install(command, DEFAULT_GRACE);
  }

  public static ShutdownGuard install(String command, Duration grace) {
    ShutdownGuard guard = new ShutdownGuard(command, grace);
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  /** Whether a stop was asked for; a command checks this between its atomic steps. */
  public boolean stopRequested() {
    return stopRequested;
  }

  /** Runs {@code action} (on the hook's thread) when a stop is asked for: to wake or cancel the work. */
  public synchronized void onStop(Runnable action) {
    stopActions.add(Objects.requireNonNull(action, "action"));
  }

  /** Closes {@code resource} on a stop if the command has not finished within the grace period; returns it. */
  public synchronized <T extends AutoCloseable> T closeOnStop(T resource) {
    resources.push(Objects.requireNonNull(resource, "resource"));
    return resource;
  }

  private void stop() {
    stopRequested = true;
    LOG.warn("{}: stopping: finishing the current batch and closing the data directory", command);
    List<Runnable> actions;
    synchronized (this) {
      actions = List.copyOf(stopActions);
    }
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("{}: a stop action failed", command, e);
      }
    }
    try {
      if (finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.warn("{}: did not stop within {} s; closing its resources now", command, grace.toSeconds());
    List<AutoCloseable> toClose;
    synchronized (this) {
      toClose = List.copyOf(resources); // most recently registered first
    }
    for (AutoCloseable r : toClose) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("{}: closing {} failed", command, r, e);
      }
    }
  }

  /** The command is done (it closed its own resources): a later signal no longer concerns it. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running and has just been released by the count-down above.
    }
  }
}
