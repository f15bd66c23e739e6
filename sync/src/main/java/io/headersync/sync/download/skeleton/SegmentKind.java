package io.headersync.sync.download.skeleton;

/** How a segment of new headers fitted into the links in memory. */
public enum SegmentKind {
  /** Its lowest header's parent was a link and its highest header was the parent an anchor waited for. */
  CONNECT,
  /** Its highest header was the parent an anchor waited for; its lowest one's parent is unknown (a new, lower anchor). */
  EXTEND_DOWN,
  /** Its lowest header's parent was a link; nothing waited for its highest header. */
  EXTEND_UP,
  /** Neither end met anything known: it hangs from a new anchor. */
  NEW_ANCHOR
}
