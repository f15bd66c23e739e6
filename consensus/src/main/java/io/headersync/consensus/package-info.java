/**
 * What every validation rule reports: {@link io.headersync.consensus.InvalidHeaderException}
 * names the block, the rule and the field, with what was expected and what was found. The rules
 * themselves live in sub-packages (difficulty, rules, seal, body).
 *
 * <p>Consensus code checks headers and bodies; it knows nothing of networks or storage.
 */
package io.headersync.consensus;
