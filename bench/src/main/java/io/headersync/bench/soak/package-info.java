/**
 * The devnet soak run ({@link io.headersync.bench.soak.DevnetSoak}, {@code bench/scripts/soak.sh}):
 * minutes of live following with servers leaving and joining and a reorg every minute, reporting
 * the heap over time and the ERROR lines logged. A benchmark, never part of the default tests.
 */
package io.headersync.bench.soak;
