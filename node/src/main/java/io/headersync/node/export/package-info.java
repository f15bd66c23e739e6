/**
 * Streams canonical headers out of a data directory for analysis: CSV or JSON lines, with the
 * field names and encodings of {@code headersync header} (the execution API's block object), or
 * decimal numbers on request. Memory stays constant whatever the range: headers are read lazily
 * from one consistent walk of the store and written as they come.
 *
 * <p>CSV and JSON lines are written by hand: every value is a hex string or a number, so quoting
 * is only needed for safety, and a library would cost a dependency for about twenty lines.
 *
 * <p>May not touch: the store's writes, the network.
 */
package io.headersync.node.export;
