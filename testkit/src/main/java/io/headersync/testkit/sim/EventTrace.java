package io.headersync.testkit.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;

/**
 * What happened in a simulation, in order: every event run and every note, as "time label"
 * lines. The lines are folded into a SHA-256 digest, so two runs can be compared by one value
 * whatever their length; only the last {@code keep} lines are kept for reading.
 */
public final class EventTrace {

  private final MessageDigest digest;
  private final ArrayDeque<String> recent = new ArrayDeque<>();
  private final int keep;
  private long lines;

  public EventTrace(int keep) {
    this.keep = keep;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  void record(long nanos, String label) {
    String line = nanos + " " + label;
    digest.update(line.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
    lines++;
    if (recent.size() == keep) {
      recent.removeFirst();
    }
    recent.addLast(line);
  }

  /** The digest of every line so far. */
  public String digestHex() {
    try {
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests can be cloned", e);
    }
  }

  public long lineCount() {
    return lines;
  }

  /** The last lines, oldest first. */
  public List<String> recent() {
    return List.copyOf(recent);
  }
}
