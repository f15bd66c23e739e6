/**
 * How long-running commands report progress: one {@link io.headersync.node.progress.ProgressReporter}
 * for all of them, counting items done against an optional total, with the rate over a moving
 * window ({@link io.headersync.node.progress.RateWindow}) and the time left.
 *
 * <p>On a terminal it redraws one bar line on standard error; otherwise (a pipe, a file, a
 * service manager's journal) it logs a plain line per interval through SLF4J, so
 * {@code --log-format json} ({@link io.headersync.node.progress.LogOptions}) makes those lines
 * JSON too. Standard output stays for the command's own output.
 *
 * <p>May not touch: what is being counted (it is told, it never asks), the store, the network.
 */
package io.headersync.node.progress;
