package io.headersync.core.trie;

import io.headersync.core.bytes.Hash;
import io.headersync.core.bytes.Hex;
import io.headersync.core.crypto.Keccak;
import io.headersync.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The root hash of the hexary Merkle-Patricia trie holding a given set of entries.
 *
 * <p>The entries are sorted by key first; the trie is then built top down over ranges of the
 * sorted keys, so no node is ever built and then rewritten. A range of keys that share a prefix
 * becomes an extension, a range that splits becomes a branch (holding the value of the key that
 * ends there, if any), a single key becomes a leaf. Nested calls happen only at branches, so the
 * depth is bounded by both the number of keys and the key length, never by a long shared
 * prefix. A node whose encoding is shorter than 32 bytes is embedded in its parent; longer ones
 * are referred to by their Keccak-256 hash; the root is always hashed.
 */
public final class TrieRoot {

  /** The root of a trie with no entries: Keccak-256 of {@code 0x80}. */
  public static final Hash EMPTY = Hash.fromHex("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

  private static final byte[] NO_BYTES = new byte[0];

  private TrieRoot() {}

  /**
   * The root of the trie mapping each raw key to its value. Order does not matter.
   *
   * @throws IllegalArgumentException when two entries have the same key, or a value is empty
   *     (a trie has no way to hold an empty value: storing one deletes the key)
   */
  public static Hash of(List<Map.Entry<byte[], byte[]>> entries) {
    List<Map.Entry<byte[], byte[]>> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Map.Entry::getKey, Arrays::compareUnsigned));
    int n = sorted.size();
    byte[][] keys = new byte[n][];
    byte[][] values = new byte[n][];
    for (int i = 0; i < n; i++) {
      Map.Entry<byte[], byte[]> e = sorted.get(i);
      keys[i] = requireNonNull(e.getKey(), "key", i);
      values[i] = requireNonNull(e.getValue(), "value", i);
      if (values[i].length == 0) {
        throw new IllegalArgumentException("empty value for key " + Hex.encode(keys[i]) + ": a trie cannot hold an empty value");
      }
      if (i > 0 && Arrays.equals(keys[i - 1], keys[i])) {
        throw new IllegalArgumentException("duplicate key " + Hex.encode(keys[i]));
      }
    }
    return rootOf(keys, values);
  }

  /**
   * The root of the trie mapping {@code rlp(i)} to {@code values.get(i)}: the layout of a
   * block's transactions, withdrawals and receipts roots. Values are taken as given (a legacy
   * transaction is its RLP list, a typed one its type byte and payload).
   */
  public static Hash ofOrdered(List<byte[]> values) {
    int n = values.size();
    List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      entries.add(Map.entry(RlpWriter.encodeLong(i), requireNonNull(values.get(i), "value", i)));
    }
    return of(entries);
  }

  private static Hash rootOf(byte[][] keys, byte[][] values) {
    if (keys.length == 0) {
      return EMPTY;
    }
    return Keccak.keccak256(new Builder(keys, values).node(0, keys.length, 0));
  }

  /** Builds node encodings over ranges of sorted, distinct keys, addressed by nibble offset. */
  private static final class Builder {
    private final byte[][] keys;
    private final byte[][] values;

    Builder(byte[][] keys, byte[][] values) {
      this.keys = keys;
      this.values = values;
    }

    /** The RLP encoding of the node holding keys {@code [from, to)} below nibble {@code depth}. */
    byte[] node(int from, int to, int depth) {
      if (to - from == 1) {
        return leaf(keys[from], depth, values[from]);
      }
      // Keys are sorted, so the prefix the whole range shares is that of its first and last key.
      int shared = commonNibbles(keys[from], keys[to - 1], depth);
      if (shared > depth) {
        RlpWriter w = new RlpWriter();
        w.startList();
        w.writeBytes(hexPrefix(keys[from], depth, shared, false));
        writeReference(w, branch(from, to, shared));
        w.endList();
        return w.toByteArray();
      }
      return branch(from, to, depth);
    }

    private byte[] branch(int from, int to, int depth) {
      RlpWriter w = new RlpWriter();
      w.startList();
      int i = from;
      byte[] valueHere = NO_BYTES;
      // A key ending at this branch sorts before every longer key sharing its prefix.
      if (nibbleCount(keys[i]) == depth) {
        valueHere = values[i];
        i++;
      }
      for (int nibble = 0; nibble < 16; nibble++) {
        int start = i;
        while (i < to && nibbleAt(keys[i], depth) == nibble) {
          i++;
        }
        if (i == start) {
          w.writeBytes(NO_BYTES);
        } else {
          writeReference(w, node(start, i, depth + 1));
        }
      }
      w.writeBytes(valueHere);
      w.endList();
      return w.toByteArray();
    }
  }

  private static byte[] leaf(byte[] key, int depth, byte[] value) {
    RlpWriter w = new RlpWriter(value.length + key.length + 8);
    w.startList();
    w.writeBytes(hexPrefix(key, depth, nibbleCount(key), true));
    w.writeBytes(value);
    w.endList();
    return w.toByteArray();
  }

  /** Embeds a short node in its parent; refers to a long one by hash. */
  private static void writeReference(RlpWriter w, byte[] node) {
    if (node.length < 32) {
      w.writeRaw(node);
    } else {
      w.writeBytes(Keccak.keccak256(node).unsafeArray());
    }
  }

  /** Hex-prefix encoding of nibbles {@code [from, to)} of {@code key}, with the leaf flag. */
  static byte[] hexPrefix(byte[] key, int from, int to, boolean leaf) {
    int count = to - from;
    boolean odd = (count & 1) == 1;
    byte[] out = new byte[count / 2 + 1];
    int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
    int at = from;
    if (odd) {
      out[0] = (byte) (flag << 4 | nibbleAt(key, at++));
    } else {
      out[0] = (byte) (flag << 4);
    }
    for (int i = 1; i < out.length; i++) {
      out[i] = (byte) (nibbleAt(key, at) << 4 | nibbleAt(key, at + 1));
      at += 2;
    }
    return out;
  }

  private static int nibbleCount(byte[] key) {
    return key.length * 2;
  }

  private static int nibbleAt(byte[] key, int index) {
    int b = key[index >>> 1] & 0xFF;
    return (index & 1) == 0 ? b >>> 4 : b & 0x0F;
  }

  /** Index of the first nibble at or after {@code from} where {@code a} and {@code b} differ or one ends. */
  private static int commonNibbles(byte[] a, byte[] b, int from) {
    int limit = Math.min(nibbleCount(a), nibbleCount(b));
    int i = from;
    while (i < limit && nibbleAt(a, i) == nibbleAt(b, i)) {
      i++;
    }
    return i;
  }

  private static byte[] requireNonNull(byte[] bytes, String what, int index) {
    if (bytes == null) {
      throw new IllegalArgumentException("null " + what + " in entry " + index);
    }
    return bytes;
  }
}
