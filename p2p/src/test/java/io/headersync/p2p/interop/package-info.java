/**
 * Interop tests against an independent devp2p implementation, {@code @ethereumjs/devp2p} from npm
 * (pinned in {@code src/test/js/package-lock.json}, installed by {@link
 * io.headersync.p2p.interop.EthereumJs} into the build folder, never committed): ethereumjs serves
 * a chain that headersync syncs over eth/68 with snappy, headersync serves headers that ethereumjs
 * fetches, and discv4 ping / findnode run both ways.
 *
 * <p>The ethereumjs nodes are scripts (ESM, Node.js 20+) run as child processes that read one JSON
 * configuration line and print JSON lines; {@link io.headersync.p2p.interop.ScriptRun} reads them
 * and always kills the process. The tests use only the public APIs of the p2p packages, as an
 * application would; expected answers are computed from the test chain itself, never taken from
 * either implementation.
 */
package io.headersync.p2p.interop;
