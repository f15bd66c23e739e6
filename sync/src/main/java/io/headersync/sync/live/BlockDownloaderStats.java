package io.headersync.sync.live;

/**
 * A snapshot of a {@link BlockDownloader}, with peaks since it started (or was cleared), so a test
 * can check that the configured limits held throughout a run and not just at its end.
 *
 * @param heldBlocks blocks whose body is held or on its way (see {@link BlockDownloadConfig#maxHeldBlocks()})
 * @param peakHeldBlocks the most ever held at once
 * @param heldLimit the configured limit on held blocks
 * @param trackedBlocks blocks known by hash or header and not yet emitted, plus those range walks expect
 * @param peakTrackedBlocks the most ever tracked at once
 * @param trackedLimit the configured limit on tracked blocks
 * @param headerRequestsInFlight headers requests outstanding (single blocks and range walks)
 * @param bodyRequestsInFlight bodies requests outstanding
 * @param peakBodyRequestsInFlight the most bodies requests ever outstanding at once
 * @param blocksEmitted blocks handed out
 * @param attached blocks asked for again while already tracked, which joined the download under way
 * @param alreadyEmitted blocks asked for (or met by a range walk) after being emitted, not emitted again
 * @param wrongBodies bodies that did not match their header (each reported against its sender)
 * @param wrongHeaders headers answers that were not the block or chain asked for (each reported)
 * @param evictions buffered blocks dropped to make room for a lower block (their bodies are fetched again)
 * @param failures blocks given up
 */
public record BlockDownloaderStats(
    int heldBlocks,
    int peakHeldBlocks,
    int heldLimit,
    int trackedBlocks,
    int peakTrackedBlocks,
    int trackedLimit,
    int headerRequestsInFlight,
    int bodyRequestsInFlight,
    int peakBodyRequestsInFlight,
    long blocksEmitted,
    long attached,
    long alreadyEmitted,
    long wrongBodies,
    long wrongHeaders,
    long evictions,
    long failures) {}
