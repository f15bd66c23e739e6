package io.headersync.p2p.rlpx;

import io.headersync.sync.api.DisconnectReason;
import java.util.Optional;

/** Wire codes to {@link DisconnectReason}s. */
public final class DisconnectReasons {

  private static final DisconnectReason[] BY_CODE = new DisconnectReason[0x11];

  static {
    for (DisconnectReason r : DisconnectReason.values()) {
      BY_CODE[r.code()] = r;
    }
  }

  private DisconnectReasons() {}

  /** The reason with wire code {@code code}, or empty when devp2p defines none. */
  public static Optional<DisconnectReason> fromCode(long code) {
    if (code < 0 || code >= BY_CODE.length) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_CODE[(int) code]);
  }
}
