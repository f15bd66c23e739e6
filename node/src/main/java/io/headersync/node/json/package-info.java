/**
 * JSON shapes the product prints and serves: headers with the field names and hex quantities of
 * {@code eth_getBlockByNumber}, summaries of imports and verifications.
 *
 * <p>Shapes only; no I/O and no protocol logic.
 */
package io.headersync.node.json;
