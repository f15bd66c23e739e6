/**
 * Time for sync code: a {@link io.headersync.sync.time.TimeSource} (monotonic nanoseconds) and
 * a {@link io.headersync.sync.time.TaskScheduler} (the single event loop every strategy and the
 * request scheduler run on). Production uses {@link io.headersync.sync.time.EventLoopScheduler};
 * simulations use the virtual scheduler of the testkit, which makes a run a pure function of its
 * seed.
 *
 * <p>Nothing else in {@code sync} may read the system clock, sleep, or start threads of its own.
 */
package io.headersync.sync.time;
