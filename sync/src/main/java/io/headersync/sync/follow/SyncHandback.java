package io.headersync.sync.follow;

import io.headersync.sync.download.SyncTarget;

/**
 * Where the {@link TipFollower} hands the chain back to a header sync (the controller's next leg)
 * when live download is the wrong tool: the target is further ahead than the live gap limit, or
 * its branch forks deeper than the follower may reorganise. The follower stops writing until
 * {@link TipFollower#resume()} is called, so the two never write at once.
 */
@FunctionalInterface
public interface SyncHandback {

  /**
   * @param target where the header sync should go
   * @param reason why the follower gave up, for logs
   */
  void resync(SyncTarget target, String reason);
}
