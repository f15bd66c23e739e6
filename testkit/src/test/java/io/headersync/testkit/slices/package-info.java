/**
 * The slice download in the shared simulation scenarios ({@code testkit.scenario}): its fixture
 * (chain with shipped checkpoints, peers, limits) and the suite judging 50 seeds of each scenario.
 */
package io.headersync.testkit.slices;
