package io.headersync.node.engine;

import io.headersync.sync.download.SyncTarget;

/**
 * Where the consensus client's head goes: the wiring passes it to the sync controller as a trusted
 * target ({@code SyncController.syncTo(target, TargetTrust.TRUSTED)}, on the sync loop).
 * Called from an Engine API worker thread, once per {@code forkchoiceUpdated}; must not block.
 */
@FunctionalInterface
public interface TargetSink {

  void syncTo(SyncTarget target);
}
