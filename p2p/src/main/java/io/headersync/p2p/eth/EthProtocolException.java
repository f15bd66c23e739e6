package io.headersync.p2p.eth;

import io.headersync.sync.api.DisconnectReason;
import java.util.Objects;
import java.util.Optional;

/**
 * The one error eth code raises about a peer's behaviour: a message that cannot be decoded, breaks
 * a cap, does not belong to the version, arrives when it must not, or a Status that shows the peer
 * is on another chain. Each reason names the Disconnect reason the session sends for it.
 */
public final class EthProtocolException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong, and how the peer is disconnected for it. */
  public enum Reason {
    /** Bad RLP, or the right RLP in the wrong shape. */
    MALFORMED(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A well-formed value that is not allowed (a block range whose earliest block is above its latest). */
    INVALID_VALUE(DisconnectReason.BREACH_OF_PROTOCOL),
    /** More items than the cap for the message allows. */
    OVER_LIMIT(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A message code the negotiated version does not have. */
    UNKNOWN_MESSAGE(DisconnectReason.BREACH_OF_PROTOCOL),
    /** A message at the wrong time: anything before Status, a second Status. */
    UNEXPECTED_MESSAGE(DisconnectReason.BREACH_OF_PROTOCOL),
    /** Responses nobody asked for (unknown request ids, replies to requests we never send), past the tolerated count. */
    UNSOLICITED_RESPONSES(DisconnectReason.BREACH_OF_PROTOCOL),
    /** More messages or announcements than the rate limits allow. */
    FLOOD(DisconnectReason.BREACH_OF_PROTOCOL),
    /** Status names another protocol version than the one negotiated. */
    VERSION_MISMATCH(DisconnectReason.SUBPROTOCOL_ERROR),
    /** Status names another network id. */
    NETWORK_MISMATCH(DisconnectReason.SUBPROTOCOL_ERROR),
    /** Status names another genesis block. */
    GENESIS_MISMATCH(DisconnectReason.SUBPROTOCOL_ERROR),
    /** Status carries a fork id that EIP-2124 rejects. */
    FORK_ID_REJECTED(DisconnectReason.SUBPROTOCOL_ERROR),
    /** No Status arrived in time. */
    STATUS_TIMEOUT(DisconnectReason.TIMEOUT);

    private final DisconnectReason disconnectReason;

    Reason(DisconnectReason disconnectReason) {
      this.disconnectReason = disconnectReason;
    }

    public DisconnectReason disconnectReason() {
      return disconnectReason;
    }
  }

  private final Reason reason;
  private final EthMessageType messageType;
  private final String detail;

  public EthProtocolException(Reason reason, EthMessageType messageType, String detail) {
    super(reason + (messageType == null ? "" : " in " + messageType) + ": " + detail);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.messageType = messageType;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  public EthProtocolException(Reason reason, String detail) {
    this(reason, null, detail);
  }

  public Reason reason() {
    return reason;
  }

  /** The message it was found in, when there was one. */
  public Optional<EthMessageType> messageType() {
    return Optional.ofNullable(messageType);
  }

  public String detail() {
    return detail;
  }

  public DisconnectReason disconnectReason() {
    return reason.disconnectReason();
  }
}
