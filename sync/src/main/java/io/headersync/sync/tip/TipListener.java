package io.headersync.sync.tip;

import io.headersync.sync.download.SyncTarget;

/** Hears of changes of a {@link TipTracker}, on the sync event loop. */
public interface TipListener {

  /** The target the sync should head for has changed (or become known for the first time). */
  void targetChanged(SyncTarget target);

  /** The network's tip became stale, or fresh again. */
  default void stalenessChanged(boolean stale) {}
}
