package io.headersync.core.source;

import io.headersync.core.block.BlockHeader;
import java.math.BigInteger;

/**
 * One block read from a file.
 *
 * @param header the decoded header
 * @param bodyRlp the body as an RLP list {@code [transactions, ommers, (withdrawals)]}, or
 *     {@code null} when the file holds headers only
 * @param totalDifficulty the total difficulty the file records for this block, or {@code null}
 * @param location where it was read, as {@code file:offset}, for error messages
 */
public record SourceBlock(BlockHeader header, byte[] bodyRlp, BigInteger totalDifficulty, String location) {}
