package io.headersync.consensus.rules;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.core.block.BlockHeader;

/**
 * One consensus check of a header.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every header of every
 * thread. They run once per header of a multi-million header sync, so they must not allocate on
 * the success path (no streams, lambdas, boxing or copies of header fields).
 */
public interface HeaderRule {

  /** Short stable name, reported as {@link InvalidHeaderException#rule()}. */
  String name();

  /**
   * False when the rule judges a header alone; such rules also run in
   * {@link HeaderValidator#validateStandalone}, where {@code parent} is {@code null}.
   */
  boolean needsParent();

  /**
   * Checks {@code header}.
   *
   * @param parent the header's parent, already validated; {@code null} only for rules whose
   *     {@link #needsParent()} is false
   * @throws InvalidHeaderException naming this rule, the field, what was expected and what was found
   */
  void check(BlockHeader header, BlockHeader parent, ValidationContext ctx) throws InvalidHeaderException;
}
