/** Tests of {@code headersync sim}, run in this JVM through the command line. */
package io.headersync.node.sim;
