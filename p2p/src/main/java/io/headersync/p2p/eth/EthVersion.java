package io.headersync.p2p.eth;

import io.headersync.sync.api.Capability;
import java.util.Optional;

/** The eth protocol versions headersync speaks, with the number of message codes each reserves. */
public enum EthVersion {
  /** EIP-5793: Status carries total difficulty and head hash; block announcements still exist. */
  ETH68(68, 17),
  /** EIP-7642: Status carries the served block range; BlockRangeUpdate replaces block announcements. */
  ETH69(69, 18);

  private final int number;
  private final int messageSpace;

  EthVersion(int number, int messageSpace) {
    this.number = number;
    this.messageSpace = messageSpace;
  }

  public int number() {
    return number;
  }

  /** How many message codes the version reserves after its offset (0x00 to {@code messageSpace - 1}). */
  public int messageSpace() {
    return messageSpace;
  }

  public Capability capability() {
    return new Capability("eth", number);
  }

  /** The version named by {@code capability}, when it is one headersync speaks. */
  public static Optional<EthVersion> of(Capability capability) {
    if (!"eth".equals(capability.name())) {
      return Optional.empty();
    }
    for (EthVersion v : values()) {
      if (v.number == capability.version()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "eth/" + number;
  }
}
