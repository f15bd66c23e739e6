package io.headersync.node.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headersync.core.bytes.Hash;
import java.util.Objects;

/**
 * {@code PayloadStatusV1}: the verdict on a payload or a forkchoice head.
 *
 * @param latestValidHash {@code null} where the spec answers null
 * @param validationError {@code null} unless the status is an invalid one
 */
public record PayloadStatus(Status status, Hash latestValidHash, String validationError) {

  public enum Status { VALID, INVALID, SYNCING, ACCEPTED, INVALID_BLOCK_HASH }

  public PayloadStatus {
    Objects.requireNonNull(status, "status");
  }

  public static PayloadStatus valid(Hash hash) {
    return new PayloadStatus(Status.VALID, hash, null);
  }

  public static final PayloadStatus SYNCING = new PayloadStatus(Status.SYNCING, null, null);

  public static PayloadStatus invalid(Hash latestValid, String error) {
    return new PayloadStatus(Status.INVALID, latestValid, error);
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("status", status.name());
    if (latestValidHash == null) {
      o.putNull("latestValidHash");
    } else {
      o.put("latestValidHash", latestValidHash.toHex());
    }
    if (validationError == null) {
      o.putNull("validationError");
    } else {
      o.put("validationError", validationError);
    }
    return o;
  }
}
