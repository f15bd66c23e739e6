/**
 * The {@code headersync} program: the command-line entry point and its exit codes.
 *
 * <p>The node wires the other modules together; it holds no protocol or validation logic of
 * its own.
 */
package io.headersync.node;
