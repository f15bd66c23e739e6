package io.headersync.sync.api;

/** Ways a peer can let a request down; each costs reputation (the amounts are configured). */
public enum Offence {
  /** A message that could not be decoded: never an accident of a working client. */
  BAD_MESSAGE,
  /** A well-formed answer with the wrong content: wrong origin, gaps, broken links, not our chain. */
  WRONG_DATA,
  /** No answer in time. */
  TIMEOUT,
  /** An empty answer, or one that helps nothing: the peer may simply not have the blocks. */
  USELESS_RESPONSE
}
