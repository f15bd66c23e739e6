package io.headersync.sync.api;

/** How urgent a request is; among equals the older one goes first. */
public enum Priority {
  /** Blocks a stage or the tip from moving (the gap right behind the store's head, a new tip). */
  HIGH,
  /** Ordinary download work. */
  NORMAL,
  /** Speculative work that may be dropped (read-ahead, fork probing). */
  LOW
}
