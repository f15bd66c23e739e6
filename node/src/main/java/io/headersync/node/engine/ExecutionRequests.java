package io.headersync.node.engine;

import io.headersync.core.bytes.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * EIP-7685's commitment to a block's execution-layer requests: {@code sha256(sha256(r_0) ‖
 * sha256(r_1) ‖ …)} over the requests {@code request_type ‖ request_data}, each with non-empty
 * data, in strictly ascending type order (what {@code engine_newPayloadV4} requires of its fourth
 * parameter).
 */
final class ExecutionRequests {

  private ExecutionRequests() {}

  /**
   * @throws IllegalArgumentException naming the offending request when one is empty, has no data
   *     after its type byte, or is out of order
   */
  static Hash commitment(List<byte[]> requests) {
    MessageDigest outer = sha256();
    int previousType = -1;
    for (int i = 0; i < requests.size(); i++) {
      byte[] r = requests.get(i);
      if (r.length < 2) {
        throw new IllegalArgumentException("execution request " + i + " has " + (r.length == 0 ? "no type byte" : "no data")
            + "; requests with empty data are left out");
      }
      int type = r[0] & 0xFF;
      if (type <= previousType) {
        throw new IllegalArgumentException("execution request " + i + " has type " + type + " after type " + previousType
            + "; types must be strictly ascending");
      }
      previousType = type;
      outer.update(sha256().digest(r));
    }
    return Hash.wrap(outer.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
