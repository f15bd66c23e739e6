package io.headersync.consensus.seal;

/**
 * How many seals a batch of headers has checked: all, a random sample, or none.
 *
 * <p>Written as on the command line: {@code full}, {@code sampled:N}, {@code off}.
 */
public sealed interface SealMode {

  /** Every header's seal is checked. */
  record Full() implements SealMode {
    @Override
    public String toString() {
      return "full";
    }
  }

  /**
   * About one header in {@code every}, chosen at random in each window of {@code every}
   * headers of a batch, plus always the batch's last header (its child links the rest).
   */
  record Sampled(int every) implements SealMode {
    public Sampled {
      if (every < 1) {
        throw new IllegalArgumentException("sampled:N needs N >= 1, got " + every);
      }
    }

    @Override
    public String toString() {
      return "sampled:" + every;
    }
  }

  /** No seal is checked (trusted input, or tests). */
  record Off() implements SealMode {
    @Override
    public String toString() {
      return "off";
    }
  }

  SealMode FULL = new Full();
  SealMode OFF = new Off();

  /**
   * Parses {@code full}, {@code sampled:N} (N a positive integer) or {@code off}.
   *
   * @throws IllegalArgumentException naming what was expected and what was found
   */
  static SealMode parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("seal mode: expected full, sampled:N or off, found nothing");
    }
    String t = text.strip();
    if (t.equals("full")) {
      return FULL;
    }
    if (t.equals("off")) {
      return OFF;
    }
    if (t.startsWith("sampled:")) {
      String n = t.substring("sampled:".length());
      int every;
      try {
        every = Integer.parseInt(n);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("seal mode '" + text + "': N in sampled:N must be a positive integer, found '" + n + "'");
      }
      if (every < 1) {
        throw new IllegalArgumentException("seal mode '" + text + "': N in sampled:N must be a positive integer, found " + every);
      }
      return new Sampled(every);
    }
    throw new IllegalArgumentException("seal mode: expected full, sampled:N or off, found '" + text + "'");
  }
}
