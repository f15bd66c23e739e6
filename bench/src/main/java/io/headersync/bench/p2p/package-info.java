/**
 * Benchmarks of the devp2p path: a whole sync over RLPx on loopback from several headersync
 * servers, next to the simulated CPU-bound rate of the same sync, RLPx session set-up time and
 * bytes on the wire per header. A harness printing figures; it asserts nothing.
 */
package io.headersync.bench.p2p;
