package io.headersync.p2p.discovery.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.bytes.Hash;
import io.headersync.p2p.discovery.wire.Endpoint;
import io.headersync.p2p.identity.NodeId;
import io.headersync.p2p.identity.NodeKey;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KademliaTableTest {

  private final Random random = new Random(11);
  private final NodeId self = NodeKey.generate(random).nodeId();
  private final Endpoint endpoint = endpoint(1);

  private static Endpoint endpoint(int host) {
    try {
      return new Endpoint(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) host}), 30303, 30303);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void logDistanceCountsFromTheHighestDifferingBit() {
    Hash zero = Hash.ZERO;
    assertThat(KademliaTable.logDistance(zero, zero)).isZero();
    byte[] one = new byte[32];
    one[31] = 1;
    assertThat(KademliaTable.logDistance(zero, Hash.wrap(one))).isEqualTo(1);
    byte[] top = new byte[32];
    top[0] = (byte) 0x80;
    assertThat(KademliaTable.logDistance(zero, Hash.wrap(top))).isEqualTo(256);
    byte[] mid = new byte[32];
    mid[30] = 0x05;
    assertThat(KademliaTable.logDistance(Hash.wrap(mid), zero)).isEqualTo(11);
  }

  @Test
  void nodesLandInTheBucketOfTheirLogDistance() {
    KademliaTable table = new KademliaTable(self, TableConfig.DEFAULT);
    for (int i = 0; i < 200; i++) {
      NodeId id = NodeKey.generate(random).nodeId();
      table.add(id, endpoint, 0);
      int index = table.bucketIndex(id.kademliaId());
      BigInteger distance = new BigInteger(1, self.kademliaId().unsafeArray()).xor(new BigInteger(1, id.kademliaId().unsafeArray()));
      assertThat(distance.bitLength()).isEqualTo(index + 1);
    }
    int held = 0;
    for (int i = 0; i < KademliaTable.BUCKETS; i++) {
      assertThat(table.bucket(i).size()).isLessThanOrEqualTo(16);
      for (TableEntry e : table.bucket(i)) {
        assertThat(table.bucketIndex(e.kademliaId())).isEqualTo(i);
      }
      held += table.bucket(i).size();
    }
    assertThat(held).isEqualTo(table.size());
    // Half of random ids fall in the farthest bucket, which holds 16: the table cannot hold all 200.
    assertThat(table.bucket(255)).hasSize(16);
    assertThat(table.size()).isLessThan(200);
  }

  @Test
  void aFullBucketParksNewcomersAsReplacementsAndNamesTheLeastRecentlySeen() {
    KademliaTable table = new KademliaTable(self, new TableConfig(2, 2));
    List<NodeId> same = sameBucket(table, 5);
    assertThat(table.add(same.get(0), endpoint, 1)).isInstanceOf(AddResult.Added.class);
    assertThat(table.add(same.get(1), endpoint, 2)).isInstanceOf(AddResult.Added.class);
    AddResult full = table.add(same.get(2), endpoint, 3);
    assertThat(full).isInstanceOfSatisfying(AddResult.BucketFull.class, f -> assertThat(f.leastRecentlySeen().id()).isEqualTo(same.get(0)));
    table.add(same.get(3), endpoint, 4);
    table.add(same.get(4), endpoint, 5);
    int bucket = table.bucketIndex(same.get(0).kademliaId());
    // Replacement list is bounded at 2 and keeps the newest.
    assertThat(table.replacements(bucket)).extracting(TableEntry::id).containsExactly(same.get(3), same.get(4));

    // The head answers its liveness ping: it moves to the tail, the other becomes least recently seen.
    table.seen(same.get(0), endpoint(9), 6);
    assertThat(table.bucket(bucket)).extracting(TableEntry::id).containsExactly(same.get(1), same.get(0));
    assertThat(table.get(same.get(0)).orElseThrow().endpoint()).isEqualTo(endpoint(9));

    // The new head is found dead: the newest replacement takes its place.
    assertThat(table.removeDead(same.get(1))).map(TableEntry::id).contains(same.get(4));
    assertThat(table.bucket(bucket)).extracting(TableEntry::id).containsExactly(same.get(0), same.get(4));
    assertThat(table.replacements(bucket)).extracting(TableEntry::id).containsExactly(same.get(3));
    assertThat(table.contains(same.get(1))).isFalse();
  }

  @Test
  void addingKeepsAnExistingEntryUnchangedAndNeverAddsSelf() {
    KademliaTable table = new KademliaTable(self, TableConfig.DEFAULT);
    NodeId id = NodeKey.generate(random).nodeId();
    table.add(id, endpoint(1), 1);
    assertThat(table.add(id, endpoint(2), 2)).isInstanceOf(AddResult.AlreadyPresent.class);
    assertThat(table.get(id).orElseThrow().endpoint()).isEqualTo(endpoint(1));
    assertThat(table.add(self, endpoint, 3)).isInstanceOf(AddResult.Self.class);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void closestIsOrderedByXorDistanceToTheTarget() {
    KademliaTable table = new KademliaTable(self, TableConfig.DEFAULT);
    List<NodeId> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      NodeId id = NodeKey.generate(random).nodeId();
      if (!(table.add(id, endpoint, 0) instanceof AddResult.BucketFull)) {
        all.add(id);
      }
    }
    Hash target = NodeKey.generate(random).nodeId().kademliaId();
    BigInteger t = new BigInteger(1, target.unsafeArray());
    List<NodeId> expected = all.stream()
        .sorted(Comparator.comparing(id -> new BigInteger(1, id.kademliaId().unsafeArray()).xor(t)))
        .limit(16).toList();
    assertThat(table.closest(target, 16)).extracting(TableEntry::id).isEqualTo(expected);
  }

  @Test
  void bondsLastTwelveHoursPerAddressAndAreBounded() throws Exception {
    Bonds bonds = new Bonds(Duration.ofHours(12), 2);
    NodeId a = NodeKey.generate(random).nodeId();
    InetAddress ip = InetAddress.getByName("10.0.0.1");
    InetAddress other = InetAddress.getByName("10.0.0.2");
    assertThat(bonds.isBonded(a, ip, 0)).isFalse();
    bonds.pongReceived(a, ip, 0);
    assertThat(bonds.isBonded(a, ip, Duration.ofHours(12).toNanos() - 1)).isTrue();
    assertThat(bonds.isBonded(a, ip, Duration.ofHours(12).toNanos())).isFalse();
    assertThat(bonds.isBonded(a, other, 1)).isFalse();
    assertThat(bonds.hasPingedUs(a, ip, 1)).isFalse();
    bonds.pingReceived(a, other, 1);
    bonds.pingReceived(NodeKey.generate(random).nodeId(), other, 2);
    assertThat(bonds.size()).isEqualTo(2);
    assertThat(bonds.isBonded(a, ip, 3)).as("evicted as least recently used").isFalse();
  }

  private List<NodeId> sameBucket(KademliaTable table, int count) {
    List<NodeId> out = new ArrayList<>();
    int bucket = -1;
    while (out.size() < count) {
      NodeId id = NodeKey.generate(random).nodeId();
      int b = table.bucketIndex(id.kademliaId());
      if (bucket == -1) {
        bucket = b;
      }
      if (b == bucket) {
        out.add(id);
      }
    }
    return out;
  }
}
