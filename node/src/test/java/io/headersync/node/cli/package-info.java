/**
 * Tests of the {@code headersync} commands, run in-process through
 * {@link io.headersync.node.cli.HeadersyncCommand#commandLine()} (and, for the crash test, as a
 * child JVM): real-chain imports, the test chains, bad input and crash safety. They read the
 * shared chain data and skip with a message when it is absent.
 */
package io.headersync.node.cli;
