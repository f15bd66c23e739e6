package io.headersync.sync.download.slices;

import java.util.OptionalLong;

/**
 * What the slice downloader holds and has done, with peaks since it started so a test can check
 * the configured limits held throughout a run.
 *
 * @param windowSlices slices in the window now
 * @param peakWindowSlices the most slices the window ever held
 * @param windowSliceLimit the configured window size in slices (from the memory limit)
 * @param windowHeaders headers held by the window's slices now
 * @param peakWindowHeaders the most headers the window ever held
 * @param windowHeaderLimit the window size in slices times the slice size
 * @param forkHeaders headers held by the fork probe now
 * @param peakForkHeaders the most headers the fork probe ever held
 * @param forkHeaderLimit the configured fork probe limit
 * @param slicesSaved slices handed out
 * @param slicesInvalid slices found wrong (their supplier reported)
 * @param disputes pairs of neighbouring slices that did not link, neither vouched for
 * @param disputesSettled suppliers reported once a disputed slice was verified with other content
 * @param sliceTimeouts slices dropped after waiting {@link SliceConfig#sliceTimeout()}
 * @param requestFailures requests that ended without an answer
 * @param partialAnswers answers with fewer headers than the slice needs (their supplier reported)
 * @param forksFound forks the probe started on
 * @param forksJoined forks the probe joined to the local chain and adopted
 * @param forksRefused forks joined but lighter than the local chain (total difficulty choice)
 * @param forksAbandoned forks deeper than the probe limit
 * @param unwinds unwinds asked of the stage (fork adoptions and backtracks)
 * @param backtracks unwinds of a saved slice that the chain above did not link to
 * @param linearEnd where the linear phase ends (estimated tip minus T, at most the target), when known
 */
public record SliceStats(
    int windowSlices,
    int peakWindowSlices,
    int windowSliceLimit,
    long windowHeaders,
    long peakWindowHeaders,
    long windowHeaderLimit,
    long forkHeaders,
    long peakForkHeaders,
    long forkHeaderLimit,
    long slicesSaved,
    long slicesInvalid,
    long disputes,
    long disputesSettled,
    long sliceTimeouts,
    long requestFailures,
    long partialAnswers,
    long forksFound,
    long forksJoined,
    long forksRefused,
    long forksAbandoned,
    long unwinds,
    long backtracks,
    OptionalLong linearEnd) {}
