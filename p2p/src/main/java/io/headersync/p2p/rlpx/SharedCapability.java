package io.headersync.p2p.rlpx;

import io.headersync.sync.api.Capability;

/**
 * A capability both sides offered, with the factory that speaks it and the message codes it was
 * given: {@code [offset, offset + messageSpace)}.
 */
record SharedCapability(Capability capability, ProtocolFactory factory, int offset, int messageSpace) {

  boolean owns(int code) {
    return code >= offset && code < offset + messageSpace;
  }
}
