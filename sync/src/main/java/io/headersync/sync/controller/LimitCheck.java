package io.headersync.sync.controller;

import java.util.Objects;

/**
 * One configured memory limit of a downloader and the most it ever held, so a caller can tell
 * whether the limit held for a whole run, not only at its end.
 *
 * @param name what is limited, e.g. {@code "reverse buffered headers"}
 * @param peak the most held at once
 * @param limit the configured limit
 */
public record LimitCheck(String name, long peak, long limit) {

  public LimitCheck {
    Objects.requireNonNull(name, "name");
  }

  public boolean held() {
    return peak <= limit;
  }

  @Override
  public String toString() {
    return name + " " + peak + "/" + limit + (held() ? "" : " EXCEEDED");
  }
}
