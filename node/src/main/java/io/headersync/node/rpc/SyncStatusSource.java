package io.headersync.node.rpc;

/** Sync progress as {@code eth_syncing} and {@code headersync_status} report it. Called from RPC worker threads. */
@FunctionalInterface
public interface SyncStatusSource {

  SyncProgress progress();
}
