package io.headersync.p2p.rlpx;

import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import io.headersync.sync.api.DisconnectReason;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The base protocol's Disconnect (0x01): {@code [reason]}, the reason optional.
 *
 * <p>Reading is lenient about what real peers send: the reason as a bare integer instead of a
 * one-element list, and the message uncompressed though snappy was agreed (some clients write
 * Disconnect before compression is set up, or never compress it).
 *
 * @param code the reason code on the wire, empty when the peer gave none
 */
public record DisconnectMessage(OptionalLong code) {

  static final int CODE = 0x01;

  static DisconnectMessage of(DisconnectReason reason) {
    return new DisconnectMessage(OptionalLong.of(reason.code()));
  }

  /** The reason, when the code is one devp2p defines. */
  public Optional<DisconnectReason> reason() {
    return code.isPresent() ? DisconnectReasons.fromCode(code.getAsLong()) : Optional.empty();
  }

  /** The reason for reports: an absent or unknown code counts as {@link DisconnectReason#REQUESTED}. */
  public DisconnectReason reasonOrRequested() {
    return reason().orElse(DisconnectReason.REQUESTED);
  }

  /** The list form, as every client reads it. */
  byte[] encode() {
    RlpWriter w = new RlpWriter(4).startList();
    code.ifPresent(w::writeLong);
    return w.endList().toByteArray();
  }

  /**
   * Parses a Disconnect's data in the form the session expects (compressed once snappy is on),
   * then in the other.
   *
   * @throws RlpxException {@link RlpxException.Reason#MALFORMED_MESSAGE} when neither reading works
   */
  static DisconnectMessage decode(byte[] data, boolean snappy, int maxMessageSize) {
    String firstProblem;
    try {
      return snappy ? parse(MessageCompression.decompress(data, maxMessageSize)) : parse(data);
    } catch (RlpxException e) {
      firstProblem = e.getMessage();
    }
    try {
      return snappy ? parse(data) : parse(MessageCompression.decompress(data, maxMessageSize));
    } catch (RlpxException e) {
      throw new RlpxException(RlpxException.Reason.MALFORMED_MESSAGE, "Disconnect: "
          + (snappy ? "as snappy: " : "as is: ") + firstProblem + "; "
          + (snappy ? "as is: " : "as snappy: ") + e.getMessage(), e);
    }
  }

  /** Reads {@code [reason]}, {@code []}, a bare integer, or nothing at all. */
  static DisconnectMessage parse(byte[] data) {
    if (data.length == 0) {
      return new DisconnectMessage(OptionalLong.empty());
    }
    try {
      RlpReader reader = RlpReader.wrap(data);
      long code;
      if (reader.nextIsList()) {
        RlpReader list = reader.readList();
        reader.requireEnd();
        if (!list.hasNext()) {
          return new DisconnectMessage(OptionalLong.empty());
        }
        code = list.readLong();
      } else {
        code = reader.readLong();
        reader.requireEnd();
      }
      return new DisconnectMessage(OptionalLong.of(code));
    } catch (RlpException e) {
      throw new RlpxException(RlpxException.Reason.MALFORMED_MESSAGE, "Disconnect reason: " + e.getMessage(), e);
    }
  }
}
