package io.headersync.p2p.discovery.table;

import io.headersync.core.bytes.Hash;
import io.headersync.p2p.discovery.wire.Endpoint;
import io.headersync.p2p.identity.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The discv4 routing table: bucket {@code i} (0 to 255) holds nodes at log-distance {@code i + 1}
 * from this node, that is at a distance in {@code [2^i, 2^(i+1))}. Inside a bucket entries are
 * ordered least-recently seen first; a full bucket keeps newcomers in a bounded replacement list
 * until an entry is found dead.
 *
 * <p>Not thread-safe: one event loop owns it.
 */
public final class KademliaTable {

  /** Number of buckets: one per possible log-distance above zero. */
  public static final int BUCKETS = 256;

  private final NodeId self;
  private final Hash selfKey;
  private final TableConfig config;
  private final Bucket[] buckets = new Bucket[BUCKETS];
  private final Map<NodeId, TableEntry> byId = new HashMap<>();
  private long version;

  private static final class Bucket {
    final List<TableEntry> entries = new ArrayList<>();
    final List<TableEntry> replacements = new ArrayList<>();
  }

  public KademliaTable(NodeId self, TableConfig config) {
    this.self = self;
    this.selfKey = self.kademliaId();
    this.config = config;
    for (int i = 0; i < BUCKETS; i++) {
      buckets[i] = new Bucket();
    }
  }

  /** The log-distance of two Kademlia ids: 256 minus the leading zero bits of their XOR (0 when equal). */
  public static int logDistance(Hash a, Hash b) {
    byte[] x = a.unsafeArray();
    byte[] y = b.unsafeArray();
    for (int i = 0; i < Hash.SIZE; i++) {
      int diff = (x[i] ^ y[i]) & 0xFF;
      if (diff != 0) {
        return (Hash.SIZE - i) * 8 - (Integer.numberOfLeadingZeros(diff) - 24);
      }
    }
    return 0;
  }

  /** Orders Kademlia ids by XOR distance to {@code target}, nearest first. */
  public static Comparator<Hash> byDistanceTo(Hash target) {
    byte[] t = target.unsafeArray();
    return (a, b) -> {
      byte[] x = a.unsafeArray();
      byte[] y = b.unsafeArray();
      for (int i = 0; i < Hash.SIZE; i++) {
        int dx = (x[i] ^ t[i]) & 0xFF;
        int dy = (y[i] ^ t[i]) & 0xFF;
        if (dx != dy) {
          return Integer.compare(dx, dy);
        }
      }
      return 0;
    };
  }

  /** The bucket index a node id falls into, or -1 for this table's own node. */
  public int bucketIndex(Hash kademliaId) {
    return logDistance(selfKey, kademliaId) - 1;
  }

  /**
   * Offers a node learnt from the network. An entry already present keeps its endpoint and place
   * (only a liveness proof, {@link #seen}, moves it).
   */
  public AddResult add(NodeId id, Endpoint endpoint, long now) {
    if (id.equals(self)) {
      return new AddResult.Self();
    }
    TableEntry present = byId.get(id);
    if (present != null) {
      return new AddResult.AlreadyPresent(present);
    }
    Hash key = id.kademliaId();
    Bucket bucket = buckets[bucketIndex(key)];
    TableEntry entry = new TableEntry(id, key, endpoint, now, now);
    if (bucket.entries.size() < config.bucketSize()) {
      bucket.entries.add(entry);
      byId.put(id, entry);
      version++;
      return new AddResult.Added(entry);
    }
    addReplacement(bucket, entry);
    return new AddResult.BucketFull(bucket.entries.get(0));
  }

  private void addReplacement(Bucket bucket, TableEntry entry) {
    if (config.replacementsPerBucket() == 0) {
      return;
    }
    bucket.replacements.removeIf(r -> r.id().equals(entry.id()));
    if (bucket.replacements.size() >= config.replacementsPerBucket()) {
      bucket.replacements.remove(0);
    }
    bucket.replacements.add(entry);
  }

  /**
   * Records a liveness proof (a pong) from {@code id} at {@code endpoint}: the entry moves to the
   * tail of its bucket with that endpoint, or is added when absent and there is room.
   */
  public AddResult seen(NodeId id, Endpoint endpoint, long now) {
    TableEntry present = byId.get(id);
    if (present == null) {
      return add(id, endpoint, now);
    }
    Bucket bucket = buckets[bucketIndex(present.kademliaId())];
    bucket.entries.remove(present);
    TableEntry updated = present.seenAt(endpoint, now);
    bucket.entries.add(updated);
    byId.put(id, updated);
    version++;
    return new AddResult.AlreadyPresent(updated);
  }

  /**
   * Removes {@code id}, which failed a liveness check, and moves the newest replacement of its
   * bucket into the freed place.
   *
   * @return the replacement brought in, if any
   */
  public Optional<TableEntry> removeDead(NodeId id) {
    TableEntry present = byId.remove(id);
    if (present == null) {
      return Optional.empty();
    }
    Bucket bucket = buckets[bucketIndex(present.kademliaId())];
    bucket.entries.remove(present);
    version++;
    if (bucket.replacements.isEmpty()) {
      return Optional.empty();
    }
    TableEntry replacement = bucket.replacements.remove(bucket.replacements.size() - 1);
    bucket.entries.add(replacement);
    byId.put(replacement.id(), replacement);
    return Optional.of(replacement);
  }

  /** The {@code count} entries nearest to {@code target}, nearest first. */
  public List<TableEntry> closest(Hash target, int count) {
    Comparator<Hash> order = byDistanceTo(target);
    return byId.values().stream()
        .sorted(Comparator.comparing(TableEntry::kademliaId, order))
        .limit(count)
        .toList();
  }

  /** The least-recently seen entry of a random non-empty bucket: the next to check for liveness. */
  public Optional<TableEntry> revalidationCandidate(Random random) {
    List<Bucket> nonEmpty = new ArrayList<>();
    for (Bucket b : buckets) {
      if (!b.entries.isEmpty()) {
        nonEmpty.add(b);
      }
    }
    if (nonEmpty.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(nonEmpty.get(random.nextInt(nonEmpty.size())).entries.get(0));
  }

  /** The entries of bucket {@code index}, least-recently seen first. */
  public List<TableEntry> bucket(int index) {
    return List.copyOf(buckets[index].entries);
  }

  /** The replacement list of bucket {@code index}, oldest first. */
  public List<TableEntry> replacements(int index) {
    return List.copyOf(buckets[index].replacements);
  }

  public Optional<TableEntry> get(NodeId id) {
    return Optional.ofNullable(byId.get(id));
  }

  public boolean contains(NodeId id) {
    return byId.containsKey(id);
  }

  public int size() {
    return byId.size();
  }

  /** Every entry, in no particular order. */
  public List<TableEntry> entries() {
    return List.copyOf(byId.values());
  }

  /** Grows on every change of membership or order, so readers can tell when to take a new snapshot. */
  public long version() {
    return version;
  }

  public NodeId self() {
    return self;
  }
}
