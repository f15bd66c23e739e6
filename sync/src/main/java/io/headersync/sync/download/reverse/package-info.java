/**
 * The reverse header download: from a trusted target hash down to the local head, as Reth's
 * headers stage does it. {@link io.headersync.sync.download.reverse.ReverseHeaderDownloader} is the
 * state machine; {@link io.headersync.sync.download.reverse.ReverseConfig} holds its limits and
 * the reasons for their defaults.
 *
 * <p>Why downward: the target is trusted, and every header below it is tied to it by parent
 * hashes, so a peer can only ever slow the walk down, never steer it onto another chain. The price
 * is that total difficulty is unknown on the way down (it is summed upward afterwards by the
 * total-difficulty stage) and that the headers cannot be canonical until the walk reaches the
 * local head (the headers stage stores them as non-canonical meanwhile).
 *
 * <p>May use the client API ({@code sync.api}), the download contract ({@code sync.download}),
 * the event loop ({@code sync.time}) and the consensus rules. It does not touch the store: stored
 * headers reach it only through the lookup it is given, and storing is the stage's job.
 */
package io.headersync.sync.download.reverse;
