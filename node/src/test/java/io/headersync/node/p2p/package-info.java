/**
 * Tests of headersync processes talking devp2p to each other over loopback: {@code serve} and
 * {@code sync} as separate JVMs, on real chain data.
 */
package io.headersync.node.p2p;
