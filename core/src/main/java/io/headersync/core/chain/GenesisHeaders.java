package io.headersync.core.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.trie.TrieRoot;
import java.math.BigInteger;
import java.util.Map;

/**
 * Builds a genesis header from the header fields of a genesis document, its state root and the
 * chain's fork schedule. The header's shape follows the forks active at genesis; the fields a
 * fork adds take the values every client gives them at genesis.
 */
final class GenesisHeaders {

  /** EIP-1559's initial base fee, used when London is active at genesis and no base fee is given. */
  static final BigInteger INITIAL_BASE_FEE = BigInteger.valueOf(1_000_000_000L);
  /** Gas limit of a genesis that states none (the limit of the first public test chains, kept by geth). */
  static final long DEFAULT_GAS_LIMIT = 4_712_388L;
  /** Difficulty of a proof-of-work genesis that states none: the protocol's minimum difficulty. */
  static final BigInteger DEFAULT_DIFFICULTY = BigInteger.valueOf(131_072L);
  /** EIP-7685 requests hash of a block without requests: SHA-256 of the empty string. */
  static final Hash EMPTY_REQUESTS_HASH = Hash.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  private GenesisHeaders() {}

  /**
   * Reads the header fields of {@code genesis} (at JSON path {@code path}) and builds the header.
   *
   * @param powSealed whether the chain starts with proof of work, which decides the default
   *     difficulty
   */
  static BlockHeader build(JsonFields json, JsonNode genesis, String path, Hash stateRoot, Map<Fork, Long> forks, boolean powSealed) {
    long number = json.uint63(genesis, "number", path, 0);
    long timestamp = json.uint63(genesis, "timestamp", path, 0);
    Hash mixHash = json.hash(genesis, "mixHash", path, Hash.ZERO);
    BigInteger defaultDifficulty = powSealed && mixHash.isZero() ? DEFAULT_DIFFICULTY : BigInteger.ZERO;
    long gasLimit = json.uint63(genesis, "gasLimit", path, 0);
    BlockHeader.Builder b = BlockHeader.builder()
        .parentHash(json.hash(genesis, "parentHash", path, Hash.ZERO))
        .ommersHash(Keccak.EMPTY_LIST)
        .beneficiary(json.address(genesis, "coinbase", path, Address.ZERO))
        .stateRoot(stateRoot)
        .transactionsRoot(TrieRoot.EMPTY)
        .receiptsRoot(TrieRoot.EMPTY)
        .difficulty(json.uint256(genesis, "difficulty", path, defaultDifficulty))
        .number(number)
        .gasLimit(gasLimit == 0 ? DEFAULT_GAS_LIMIT : gasLimit)
        .gasUsed(json.uint63(genesis, "gasUsed", path, 0))
        .timestamp(timestamp)
        .extraData(json.bytes(genesis, "extraData", path, new byte[0]))
        .mixHash(mixHash)
        .nonce(json.uint64Bits(genesis, "nonce", path, 0));
    if (activeAtGenesis(forks, Fork.LONDON, number, timestamp)) {
      b.baseFeePerGas(json.uint256(genesis, "baseFeePerGas", path, INITIAL_BASE_FEE));
    }
    if (activeAtGenesis(forks, Fork.SHANGHAI, number, timestamp)) {
      b.withdrawalsRoot(TrieRoot.EMPTY);
    }
    if (activeAtGenesis(forks, Fork.CANCUN, number, timestamp)) {
      b.blobGas(json.uint63(genesis, "blobGasUsed", path, 0), json.uint63(genesis, "excessBlobGas", path, 0));
      b.parentBeaconBlockRoot(Hash.ZERO);
    }
    if (activeAtGenesis(forks, Fork.PRAGUE, number, timestamp)) {
      b.requestsHash(EMPTY_REQUESTS_HASH);
    }
    try {
      return b.build();
    } catch (IllegalStateException e) {
      // The fork schedule asks for a later fork's field without an earlier one (e.g. Cancun at
      // genesis without Shanghai): the header cannot be encoded.
      throw json.error(path, "the forks active at genesis give an impossible header shape: " + e.getMessage());
    }
  }

  static boolean activeAtGenesis(Map<Fork, Long> forks, Fork fork, long number, long timestamp) {
    Long at = forks.get(fork);
    return at != null && (fork.timeBased() ? at <= timestamp : at <= number);
  }
}
