/**
 * The one simulation harness the per-strategy suites share ({@code testkit.reverse}, {@code
 * .skeleton}, {@code .slices}): {@link io.headersync.testkit.scenario.ScenarioRun} runs a strategy's
 * downloader with the headers and total-difficulty stages over a simulated network, in one of four
 * {@link io.headersync.testkit.scenario.Scenario}s, with every header written judged by the shared
 * {@code testkit.run.AuditedStore}; a {@link io.headersync.testkit.scenario.StrategyFixture} says
 * what differs between strategies (chain, peers, downloader, limits).
 *
 * <p>Test code only. It drives the stages directly rather than through the controller (which
 * {@code testkit.run.SimulatedSync} covers) so that each suite can read its own downloader's figures.
 */
package io.headersync.testkit.scenario;
