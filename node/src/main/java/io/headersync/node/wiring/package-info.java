/**
 * Building a running node from its parts: {@link io.headersync.node.wiring.NodeRuntime} takes a
 * store, a chain spec, a node key and network settings, starts devp2p over them and, with
 * {@link io.headersync.node.wiring.SyncSettings}, the sync engine (request scheduler, tip tracker,
 * controller) heading for a trusted target or the best head peers claim. Reusable: the commands use
 * one runtime each, tests and devnets run several in one JVM.
 *
 * <p>Only wiring and the choice of target live here; protocol details belong to {@code p2p},
 * download decisions to {@code sync}. Command-line parsing stays in {@code node.cli}.
 */
package io.headersync.node.wiring;
