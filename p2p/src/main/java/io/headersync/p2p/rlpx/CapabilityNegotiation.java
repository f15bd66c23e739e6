package io.headersync.p2p.rlpx;

import io.headersync.sync.api.Capability;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * devp2p capability negotiation: of the capabilities both Hellos list, keep the highest version
 * of each name, order them by name (case-sensitive, by code point) and give each its message
 * codes, one after the other from 0x10 (0x00 to 0x0f belong to the base protocol).
 */
final class CapabilityNegotiation {

  /** The first message code after the base protocol's. */
  static final int FIRST_OFFSET = 0x10;

  private CapabilityNegotiation() {}

  /** The shared capabilities in code order; empty when nothing is shared. */
  static List<SharedCapability> negotiate(List<ProtocolFactory> ours, List<Capability> theirs) {
    Set<Capability> offered = new HashSet<>(theirs);
    Map<String, Capability> best = new LinkedHashMap<>();
    Map<Capability, ProtocolFactory> speaker = new LinkedHashMap<>();
    for (ProtocolFactory factory : ours) {
      for (Capability c : factory.capabilities()) {
        if (!offered.contains(c) || speaker.containsKey(c)) {
          continue;
        }
        speaker.put(c, factory);
        Capability current = best.get(c.name());
        if (current == null || c.version() > current.version()) {
          best.put(c.name(), c);
        }
      }
    }
    List<Capability> chosen = new ArrayList<>(best.values());
    chosen.sort((a, b) -> a.name().compareTo(b.name()));
    List<SharedCapability> shared = new ArrayList<>(chosen.size());
    int offset = FIRST_OFFSET;
    for (Capability c : chosen) {
      ProtocolFactory factory = speaker.get(c);
      int space = factory.messageSpace(c);
      if (space <= 0) {
        throw new IllegalStateException(factory + " gives capability " + c + " no message codes");
      }
      shared.add(new SharedCapability(c, factory, offset, space));
      offset += space;
    }
    return shared;
  }
}
