package io.headersync.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyOrderedRecordsTest {

  @Test
  void ordersRandomHashesAscendingUnsigned() {
    Random random = new Random(11);
    KeyOrderedRecords records = new KeyOrderedRecords();
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      keys.add(key);
      records.put(key, new byte[] {(byte) i});
    }
    assertThat(keysInOrder(records, keys)).isSortedAccordingTo(Arrays::compareUnsigned);
    assertThat(records.order()).containsExactlyInAnyOrder(IntStream.range(0, 3000).toArray());
  }

  @Test
  void keysSharingTheirFirstBytesAreOrderedByTheRestAndEqualKeysKeepArrivalOrder() {
    KeyOrderedRecords records = new KeyOrderedRecords();
    List<byte[]> keys = List.of(
        key(1, 2, 3, 4, 5, 6, 9), // 0
        key(1, 2, 3, 4, 5, 6, 7), // 1
        key(1, 2, 3, 4, 5, 6), // 2: a prefix of the others sorts first
        key(1, 2, 3, 4, 5, 6, 7), // 3: same key as 1, must stay after it
        key(0xFF, 0, 0, 0, 0, 0), // 4: unsigned, so after every key starting with 1
        key(1, 2), // 5: shorter than the packed prefix
        key(1, 2, 3, 4, 5, 6, 7)); // 6: same key as 1 and 3
    for (byte[] k : keys) {
      records.put(k, new byte[0]);
    }
    assertThat(records.order()).containsExactly(5, 2, 1, 3, 6, 0, 4);
  }

  @Test
  void batchesTooLargeToPackSortTheSameWay() {
    Random random = new Random(5);
    KeyOrderedRecords records = new KeyOrderedRecords();
    List<byte[]> keys = new ArrayList<>();
    int n = (1 << 16) + 10;
    for (int i = 0; i < n; i++) {
      byte[] key = new byte[8];
      random.nextBytes(key);
      key[0] = (byte) (i % 3); // many shared leading bytes
      keys.add(key);
      records.put(key, new byte[0]);
    }
    keys.add(keys.get(7).clone());
    records.delete(keys.get(keys.size() - 1));
    int[] order = records.order();
    assertThat(keysInOrder(records, keys)).isSortedAccordingTo(Arrays::compareUnsigned);
    List<Integer> positionsOfKey7 = new ArrayList<>();
    for (int i : order) {
      if (Arrays.equals(keys.get(i), keys.get(7))) {
        positionsOfKey7.add(i);
      }
    }
    assertThat(positionsOfKey7).isSortedAccordingTo(Comparator.naturalOrder()).contains(7, n);
  }

  @Test
  void appendsPutsAndDeletesInKeyOrderToTheBatch() {
    KeyOrderedRecords records = new KeyOrderedRecords();
    records.put(key(9), key(90));
    records.delete(key(3));
    records.put(key(5), key(50));
    SerializedWriteBatch batch = new SerializedWriteBatch(64);
    records.appendTo(batch, 2);
    SerializedWriteBatch expected = new SerializedWriteBatch(64);
    expected.delete(2, key(3));
    expected.put(2, key(5), key(50));
    expected.put(2, key(9), key(90));
    assertThat(batch.toByteArray()).isEqualTo(expected.toByteArray());
  }

  private static List<byte[]> keysInOrder(KeyOrderedRecords records, List<byte[]> keys) {
    List<byte[]> out = new ArrayList<>();
    for (int i : records.order()) {
      out.add(keys.get(i));
    }
    return out;
  }

  private static byte[] key(int... bytes) {
    byte[] k = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      k[i] = (byte) bytes[i];
    }
    return k;
  }
}
