package io.headersync.core.block;

import io.headersync.core.bytes.Address;
import io.headersync.rlp.RlpException;
import io.headersync.rlp.RlpReader;
import io.headersync.rlp.RlpWriter;
import java.util.Objects;

/**
 * A validator withdrawal from the consensus layer (EIP-4895), encoded as
 * {@code [index, validatorIndex, address, amount]}.
 *
 * <p>The index, validator index and amount are unsigned 64-bit on the wire; they are held in
 * {@code long} and a value above {@link Long#MAX_VALUE} is rejected as
 * {@link RlpException.Reason#INTEGER_OVERFLOW}: at one withdrawal index per withdrawal and
 * gwei amounts, mainnet is many orders of magnitude away from that bound.
 *
 * @param index the withdrawal's global sequence number
 * @param validatorIndex the consensus-layer index of the validator
 * @param address the execution-layer address credited
 * @param amountGwei the amount, in gwei (not wei)
 */
public record Withdrawal(long index, long validatorIndex, Address address, long amountGwei) {

  public Withdrawal {
    Objects.requireNonNull(address, "address");
    if (index < 0 || validatorIndex < 0 || amountGwei < 0) {
      throw new IllegalArgumentException("withdrawal fields are unsigned: " + index + ", " + validatorIndex + ", " + amountGwei);
    }
  }

  /** Reads the next item of {@code reader}, which must be a withdrawal list. */
  public static Withdrawal read(RlpReader reader) {
    RlpReader fields = reader.readList();
    fields.requireNext("withdrawal index");
    long index = fields.readLong();
    fields.requireNext("withdrawal validatorIndex");
    long validatorIndex = fields.readLong();
    fields.requireNext("withdrawal address");
    Address address = Address.of(fields.readFixed(Address.SIZE));
    fields.requireNext("withdrawal amount");
    long amount = fields.readLong();
    fields.requireEnd();
    return new Withdrawal(index, validatorIndex, address, amount);
  }

  /** Decodes exactly one withdrawal from {@code rlp}. */
  public static Withdrawal decode(byte[] rlp) {
    RlpReader reader = RlpReader.wrap(rlp);
    Withdrawal w = read(reader);
    reader.requireEnd();
    return w;
  }

  /** Appends this withdrawal's list to {@code writer}. */
  public RlpWriter writeTo(RlpWriter writer) {
    return writer.startList()
        .writeLong(index)
        .writeLong(validatorIndex)
        .writeBytes(address.unsafeArray())
        .writeLong(amountGwei)
        .endList();
  }

  /** The RLP of this withdrawal: the value its trie stores. */
  public byte[] encode() {
    return writeTo(new RlpWriter(64)).toByteArray();
  }
}
