package io.headersync.core.chain;

import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import io.headersync.core.crypto.Keccak;
import io.headersync.core.trie.TrieRoot;
import io.headersync.rlp.RlpWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One account of a genesis allocation: nonce, balance, code and storage words.
 *
 * <p>Storage slots holding zero are left out of the storage trie, as an Ethereum state never
 * stores a zero word (writing zero deletes the slot).
 */
public record GenesisAccount(long nonce, BigInteger balance, byte[] code, Map<Hash, Hash> storage) {

  public GenesisAccount {
    if (nonce < 0) {
      throw new IllegalArgumentException("negative nonce " + nonce);
    }
    Objects.requireNonNull(balance, "balance");
    if (balance.signum() < 0 || balance.bitLength() > 256) {
      throw new IllegalArgumentException("balance out of range: " + balance);
    }
    code = code == null ? new byte[0] : code.clone();
    storage = storage == null ? Map.of() : Map.copyOf(storage);
  }

  @Override
  public byte[] code() {
    return code.clone();
  }

  /** Keccak-256 of the code; that of the empty string for an account without code. */
  public Hash codeHash() {
    return code.length == 0 ? Keccak.EMPTY : Keccak.keccak256(code);
  }

  /** Root of the storage trie: keccak(slot) → rlp(word without leading zeros). */
  public Hash storageRoot() {
    List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>(storage.size());
    for (Map.Entry<Hash, Hash> e : new TreeMap<>(storage).entrySet()) {
      byte[] word = e.getValue().unsafeArray();
      int first = 0;
      while (first < word.length && word[first] == 0) {
        first++;
      }
      if (first == word.length) {
        continue;
      }
      byte[] value = RlpWriter.encodeBytes(Arrays.copyOfRange(word, first, word.length));
      entries.add(Map.entry(Keccak.keccak256(e.getKey().unsafeArray()).toArray(), value));
    }
    return TrieRoot.of(entries);
  }

  /** The account's state-trie value: rlp([nonce, balance, storageRoot, codeHash]). */
  public byte[] encode() {
    return new RlpWriter(112)
        .startList()
        .writeLong(nonce)
        .writeBigInteger(balance)
        .writeBytes(storageRoot().unsafeArray())
        .writeBytes(codeHash().unsafeArray())
        .endList()
        .toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenesisAccount a && nonce == a.nonce && balance.equals(a.balance)
        && Arrays.equals(code, a.code) && storage.equals(a.storage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nonce, balance, Arrays.hashCode(code), storage);
  }

  @Override
  public String toString() {
    return "GenesisAccount[nonce=" + nonce + ", balance=" + balance + ", code=" + code.length + " bytes, storage=" + storage.size() + " slots]";
  }

  /** Root of the state trie holding {@code accounts}: keccak(address) → {@link #encode()}. */
  public static Hash stateRoot(Map<Address, GenesisAccount> accounts) {
    List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>(accounts.size());
    for (Map.Entry<Address, GenesisAccount> e : accounts.entrySet()) {
      entries.add(Map.entry(Keccak.keccak256(e.getKey().unsafeArray()).toArray(), e.getValue().encode()));
    }
    return TrieRoot.of(entries);
  }
}
