package io.headersync.sync.peers;

/** What the scheduler makes of an answer before handing it on. */
public sealed interface ResponseVerdict {

  /** Answers the question asked; {@code partial} when it holds fewer items than asked. */
  record Good(boolean partial) implements ResponseVerdict {}

  /** Holds nothing: legal, but useless. */
  record Empty() implements ResponseVerdict {}

  /** Answers a different question; {@code reason} says where it went wrong. */
  record Invalid(String reason) implements ResponseVerdict {}
}
