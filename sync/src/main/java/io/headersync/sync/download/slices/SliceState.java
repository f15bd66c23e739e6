package io.headersync.sync.download.slices;

/**
 * Where one slice of headers stands in the download pipeline. Each stage of the pipeline moves
 * slices from one state to the next, so several stages work on different slices at once:
 *
 * <pre>
 *  EMPTY ──request──► WAITING ──answer──► DOWNLOADED ──own links, numbers, checkpoint──► VERIFIED_INTERNALLY
 *    ▲                  │ time-out,                │ broken                              │ linked to the chain
 *    │                  │ failure                  ▼                                     ▼
 *    └──────────────────┴─────────────────────── INVALID (supplier reported)            VERIFIED ──handed out──► SAVED
 *                                                                                        (FORK: leads elsewhere
 *                                                                                         than the target)
 * </pre>
 *
 * Each state has a one-character symbol so a window of slices prints as a short picture, lowest
 * slice first (for example {@code "= + i # ~ ."}).
 */
public enum SliceState {
  /** Nothing requested yet, or dropped to be requested again. */
  EMPTY('.'),
  /** A request is in flight. */
  WAITING('~'),
  /** An answer of the right size arrived and is not checked yet. */
  DOWNLOADED('#'),
  /** Numbers and parent links inside the slice hold, and it ends at its checkpoint if it has one. */
  VERIFIED_INTERNALLY('i'),
  /** Linked to the chain below and vouched for from above (a checkpoint, the target, or the next slice). */
  VERIFIED('+'),
  /** Found wrong; its headers are dropped and it is requested again. */
  INVALID('x'),
  /** Internally sound but on another branch than the target's near the tip; the fork probe decides. */
  FORK('f'),
  /** Handed out to the stage that stores headers. */
  SAVED('=');

  private final char symbol;

  SliceState(char symbol) {
    this.symbol = symbol;
  }

  public char symbol() {
    return symbol;
  }

  /** The state printed as {@code symbol}. */
  public static SliceState ofSymbol(char symbol) {
    for (SliceState s : values()) {
      if (s.symbol == symbol) {
        return s;
      }
    }
    throw new IllegalArgumentException("no slice state is written '" + symbol + "'; known: .~#i+xf=");
  }

  /** Whether a slice in this state holds headers that passed the internal checks. */
  boolean checkedInternally() {
    return this == VERIFIED_INTERNALLY || this == VERIFIED || this == SAVED;
  }
}
