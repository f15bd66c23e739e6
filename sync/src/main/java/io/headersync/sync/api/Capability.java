package io.headersync.sync.api;

import java.util.Objects;

/** A devp2p sub-protocol and version a peer speaks, such as {@code eth/68}. */
public record Capability(String name, int version) {

  public static final Capability ETH_68 = new Capability("eth", 68);
  public static final Capability ETH_69 = new Capability("eth", 69);

  public Capability {
    Objects.requireNonNull(name, "name");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
  }

  @Override
  public String toString() {
    return name + "/" + version;
  }
}
