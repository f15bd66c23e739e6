package io.headersync.sync.live;

/**
 * What a {@link BlockDownloader} made of one call.
 *
 * @param started blocks it started downloading (for a range: the blocks it expects to walk; those
 *     found already in flight on the way are counted in the stats as they are met)
 * @param attached blocks already being downloaded, which this call joined instead of asking again
 * @param alreadyEmitted blocks emitted recently, which are not emitted again
 */
public record Submission(int started, int attached, int alreadyEmitted) {}
