/**
 * The staged pipeline that turns downloads into stored chain: {@link io.headersync.sync.stages.Stage}
 * (execute one bounded step, unwind), {@link io.headersync.sync.stages.Pipeline} (forward in
 * order, unwind in reverse order, every checkpoint committed in the same
 * {@link io.headersync.store.WriteBatch} as the data it covers), and the stages:
 * {@link io.headersync.sync.stages.HeadersStage} (stores what any {@code HeaderDownloader} hands
 * out), {@link io.headersync.sync.stages.TotalDifficultyStage} (sums difficulty upward) and
 * {@link io.headersync.sync.stages.BodiesStage} (optional bodies for a range).
 *
 * <h2>Order of writes in a reverse download, and why</h2>
 * The store's invariants ({@link io.headersync.store.HeaderStore}) want the canonical chain
 * contiguous and each canonical header's parent canonical, but they do not want a total difficulty
 * for a canonical header, and they keep non-canonical headers through an unwind. A reverse walk
 * fits them like this:
 * <ol>
 *   <li>While the walk goes down, each commit stores its headers as non-canonical ({@code
 *       putHeader}) together with the headers checkpoint, whose number stays at the canonical head
 *       (checkpoints may not be above it) and whose extra bytes record the walk ({@link
 *       io.headersync.sync.stages.ReverseProgress}: target, lowest stored header). A crash loses at
 *       most the headers gathered since the last commit.
 *   <li>When the walk reaches the head, the stored range becomes canonical bottom-up, one chunk of
 *       {@code commitThreshold} headers per write with the checkpoint, each chunk extending the head
 *       by exactly the blocks the store expects.
 *   <li>Total difficulty cannot be known on the way down (it needs the parent's), so it is not
 *       written with the headers at all: the total-difficulty stage sums it upward afterwards, with
 *       its own checkpoint, which never passes the headers checkpoint. Folding it into the canonical
 *       pass would save one read per header but would tie two checkpoints to one write; keeping
 *       them apart lets either be unwound or re-run alone.
 * </ol>
 *
 * <p>May use the store interface, the download contract and consensus; never the network
 * directly (downloaders and clients are handed in) and never a particular store implementation.
 */
package io.headersync.sync.stages;
