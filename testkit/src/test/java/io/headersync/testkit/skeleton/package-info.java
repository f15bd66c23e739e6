/**
 * The skeleton download in the shared simulation scenarios ({@code testkit.scenario}): its fixture
 * (a proof-of-work chain, peers, limits) and the suite judging 50 seeds of each scenario.
 */
package io.headersync.testkit.skeleton;
