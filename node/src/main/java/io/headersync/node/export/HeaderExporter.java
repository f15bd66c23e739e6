package io.headersync.node.export;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.node.progress.ProgressReporter;
import io.headersync.store.CloseableIterator;
import io.headersync.store.HeaderStore;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Writes the canonical headers {@code from..to} of a store as rows, in one lazy walk of the store
 * (a snapshot where the store supports one), so memory does not grow with the range. Every header
 * is checked to follow the one before (number and parent hash) as it is written, so a file that
 * ends without an error is a linked chain segment.
 */
public final class HeaderExporter {

  /** What an export wrote. */
  public record Result(long rows, long first, long last, boolean stopped) {}

  private final HeaderStore store;
  private final List<ExportField> fields;
  private final ExportFormat format;
  private final boolean decimal;
  private final boolean needsTotalDifficulty;

  public HeaderExporter(HeaderStore store, List<ExportField> fields, ExportFormat format, boolean decimal) {
    this.store = Objects.requireNonNull(store, "store");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("at least one field is needed");
    }
    this.fields = List.copyOf(fields);
    this.format = Objects.requireNonNull(format, "format");
    this.decimal = decimal;
    this.needsTotalDifficulty = fields.stream().anyMatch(ExportField::needsTotalDifficulty);
  }

  /**
   * Writes blocks {@code from} to {@code to} (inclusive) to {@code out}, checking {@code stop} between rows.
   *
   * @throws ExportException when a block of the range is not canonical (the chain was unwound
   *     during the export) or the output fails
   */
  public Result export(long from, long to, Writer out, ProgressReporter progress, BooleanSupplier stop)
      throws ExportException {
    if (from > to) {
      throw new IllegalArgumentException("from " + from + " is above to " + to);
    }
    progress.total(to - from + 1);
    long rows = 0;
    long expected = from;
    Hash parent = null;
    try (CloseableIterator<BlockHeader> walk = store.canonicalHeaders(from)) {
      format.begin(out, fields);
      String[] values = new String[fields.size()];
      while (expected <= to) {
        if (!walk.hasNext()) {
          throw new ExportException("the canonical chain ends at block " + (expected - 1) + ", below the range's end "
              + to + " (was it unwound during the export?)");
        }
        BlockHeader h = walk.next();
        if (h.number() != expected || (parent != null && !h.parentHash().equals(parent))) {
          throw new ExportException("expected canonical block " + expected + (parent == null ? "" : " with parent " + parent)
              + ", found block " + h.number() + " " + h.hash() + " with parent " + h.parentHash());
        }
        BigInteger td = needsTotalDifficulty ? store.totalDifficulty(h.number(), h.hash()).orElse(null) : null;
        for (int i = 0; i < values.length; i++) {
          values[i] = fields.get(i).value(h, td, decimal);
        }
        format.row(out, fields, values);
        rows++;
        parent = h.hash();
        expected++;
        if ((rows & 1023) == 0) {
          progress.update(rows, h.number());
          if (stop.getAsBoolean()) {
            out.flush();
            progress.finish();
            return new Result(rows, from, expected - 1, true);
          }
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new ExportException("cannot write the export: " + e.getMessage(), e);
    }
    progress.update(rows, to);
    progress.finish();
    return new Result(rows, from, to, false);
  }
}
