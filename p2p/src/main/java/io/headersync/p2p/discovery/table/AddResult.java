package io.headersync.p2p.discovery.table;

/** What {@link KademliaTable#add} did with a node. */
public sealed interface AddResult {

  /** The node is now the newest entry of its bucket. */
  record Added(TableEntry entry) implements AddResult {}

  /** The node was already in the table; nothing changed. */
  record AlreadyPresent(TableEntry entry) implements AddResult {}

  /** The node is this table's own node and is never added. */
  record Self() implements AddResult {}

  /**
   * The bucket is full: the node waits in the replacement list. The caller should ping
   * {@code leastRecentlySeen} and report the outcome with {@link KademliaTable#seen} or
   * {@link KademliaTable#removeDead}, which brings in a replacement.
   */
  record BucketFull(TableEntry leastRecentlySeen) implements AddResult {}
}
