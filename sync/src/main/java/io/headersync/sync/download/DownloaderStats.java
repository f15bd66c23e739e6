package io.headersync.sync.download;

/**
 * A snapshot of a downloader's state, with the peaks since it started, so a test can check that
 * configured memory limits held throughout a run and not just at its end.
 *
 * @param inFlightRequests requests sent and not yet answered
 * @param bufferedHeaders headers received and not yet handed out
 * @param peakBufferedHeaders the most headers ever buffered at once
 * @param bufferLimitHeaders the configured limit on buffered headers
 * @param headersHandedOut headers handed out in batches so far
 * @param responsesRejected responses found wrong (bad links, wrong numbers, broken rules)
 */
public record DownloaderStats(
    int inFlightRequests,
    long bufferedHeaders,
    long peakBufferedHeaders,
    long bufferLimitHeaders,
    long headersHandedOut,
    long responsesRejected) {}
