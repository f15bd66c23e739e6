/**
 * Header rules per fork: one {@link io.headersync.consensus.rules.HeaderRule} per check (parent
 * link, timestamp, extra data, gas limit and gas used, EIP-1559 base fee, proof-of-work difficulty,
 * the merge transition and post-merge constants, each fork's fields, EIP-4844 blob gas with the
 * blob schedules and EIP-7918's reserve price), run in order by
 * {@link io.headersync.consensus.rules.HeaderValidator} for a chain spec. Every failure is an
 * {@link io.headersync.consensus.InvalidHeaderException} naming block, rule, field, expected and
 * found.
 *
 * <p>The base fee and blob gas formulas are written here rather than taken from a library: no
 * allowed dependency has them, and they are a few lines of integer arithmetic that must not
 * allocate on the path every header of a sync takes.
 *
 * <p>May use {@code core} and {@code consensus.difficulty}; must not touch seals (they have their
 * own validators), bodies, networks or storage.
 */
package io.headersync.consensus.rules;
