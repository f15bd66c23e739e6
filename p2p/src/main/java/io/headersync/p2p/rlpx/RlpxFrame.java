package io.headersync.p2p.rlpx;

/**
 * One message as a frame carries it: the message code (base protocol 0x00 to 0x0f, then the
 * negotiated capabilities) and its data, which is snappy-compressed once both sides speak p2p
 * version 5, except in Hello.
 */
record RlpxFrame(int code, byte[] data) {

  RlpxFrame {
    if (code < 0) {
      throw new IllegalArgumentException("message code must not be negative: " + code);
    }
  }
}
