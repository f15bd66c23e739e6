/**
 * Test helpers of the node module: running {@code headersync} in-process with captured output,
 * snapshots of a data directory to compare before and after a command, header files written
 * from the shared real-chain data. Tests only; nothing here is shipped.
 */
package io.headersync.node.testing;
