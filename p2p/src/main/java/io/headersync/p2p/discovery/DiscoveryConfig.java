package io.headersync.p2p.discovery;

import io.headersync.core.chain.ForkId;
import io.headersync.p2p.discovery.table.TableConfig;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Everything a {@link DiscoveryService} can be told, with the reason for each default.
 *
 * @param bindAddress local address of the UDP socket; default the IPv4 wildcard
 * @param udpPort local UDP port; 0 lets the system choose (the service reports the port it got);
 *     default 30303, the devp2p convention
 * @param advertisedAddress the IP put in our node record and pings; null: the bind address when it
 *     is not a wildcard, otherwise no IP in the record (peers use the datagram's source address)
 * @param tcpPort the RLPx port announced in pings, neighbours answers and our record; 0 = none
 * @param forkId fork id for the record's {@code eth} entry, so peers can filter us before dialing;
 *     null leaves the entry out
 * @param enrSeq sequence number of our record; callers that persist identity should persist and
 *     raise it too; default 1
 * @param requestTimeout how long a Ping waits for its Pong, a FindNode for its Neighbors, an
 *     ENRRequest for its response, and a new bond for the peer's own ping; 500 ms as geth uses: a
 *     discovery round trip is a single datagram each way
 * @param packetLifetime how far in the future our packets' expiration lies; 20 s as geth, long
 *     enough for clock skew between honest nodes, short enough to limit replays
 * @param bondLifetime how long a Pong counts as endpoint proof; 12 h, the discv4 spec's figure
 * @param bondCapacity endpoint proofs remembered; 10,000 pairs (about 1 MB) covers a busy table and
 *     its lookups many times over, while bounding what spoofed sources can make us store
 * @param lookupInterval time between lookups towards random targets; 30 s keeps a fresh supply of
 *     dial candidates without much traffic (each lookup is a few dozen datagrams)
 * @param revalidateInterval time between liveness pings of one table entry; 10 s as geth, so a
 *     full table of a few hundred nodes is checked within an hour
 * @param alpha concurrent FindNode queries per lookup; 3, the Kademlia paper's and discv4's value
 * @param table bucket and replacement-list sizes
 * @param answersPerSecond answers (Pong, Neighbors, ENRResponse) per second to one source IP; 20
 *     with a burst of twice that: a few lookups per second from one honest node, while a flood
 *     from one address cannot turn us into an amplifier
 * @param rateLimitedSources source IPs whose rate is tracked at once; 10,000, bounding memory under
 *     spoofed floods (an evicted source starts with a full bucket again)
 * @param clock wall clock for packet expiry (absolute UNIX seconds); injected so tests control it
 * @param random source of lookup targets and liveness picks; seed it in tests for repeatable runs
 */
public record DiscoveryConfig(
    InetAddress bindAddress,
    int udpPort,
    InetAddress advertisedAddress,
    int tcpPort,
    ForkId forkId,
    long enrSeq,
    Duration requestTimeout,
    Duration packetLifetime,
    Duration bondLifetime,
    int bondCapacity,
    Duration lookupInterval,
    Duration revalidateInterval,
    int alpha,
    TableConfig table,
    int answersPerSecond,
    int rateLimitedSources,
    Clock clock,
    Random random) {

  public DiscoveryConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(packetLifetime, "packetLifetime");
    Objects.requireNonNull(bondLifetime, "bondLifetime");
    Objects.requireNonNull(lookupInterval, "lookupInterval");
    Objects.requireNonNull(revalidateInterval, "revalidateInterval");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    if (udpPort < 0 || udpPort > 0xFFFF || tcpPort < 0 || tcpPort > 0xFFFF) {
      throw new IllegalArgumentException("ports must be 0 to 65535, got udp " + udpPort + ", tcp " + tcpPort);
    }
    if (alpha < 1 || bondCapacity < 1 || answersPerSecond < 1 || rateLimitedSources < 1) {
      throw new IllegalArgumentException("alpha, bondCapacity, answersPerSecond and rateLimitedSources must be positive");
    }
    for (Duration d : new Duration[] {requestTimeout, packetLifetime, bondLifetime, lookupInterval, revalidateInterval}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive, got " + d);
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The defaults documented above. */
  public static DiscoveryConfig defaults() {
    return builder().build();
  }

  /** The IP our record and pings announce, or null for none. */
  InetAddress announcedAddress() {
    if (advertisedAddress != null) {
      return advertisedAddress;
    }
    return bindAddress.isAnyLocalAddress() ? null : bindAddress;
  }

  public static final class Builder {
    private InetAddress bindAddress = wildcard();
    private int udpPort = 30303;
    private InetAddress advertisedAddress;
    private int tcpPort;
    private ForkId forkId;
    private long enrSeq = 1;
    private Duration requestTimeout = Duration.ofMillis(500);
    private Duration packetLifetime = Duration.ofSeconds(20);
    private Duration bondLifetime = Duration.ofHours(12);
    private int bondCapacity = 10_000;
    private Duration lookupInterval = Duration.ofSeconds(30);
    private Duration revalidateInterval = Duration.ofSeconds(10);
    private int alpha = 3;
    private TableConfig table = TableConfig.DEFAULT;
    private int answersPerSecond = 20;
    private int rateLimitedSources = 10_000;
    private Clock clock = Clock.systemUTC();
    private Random random;

    private Builder() {}

    private static InetAddress wildcard() {
      try {
        return InetAddress.getByAddress(new byte[4]);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    public Builder bindAddress(InetAddress v) { bindAddress = v; return this; }
    public Builder udpPort(int v) { udpPort = v; return this; }
    public Builder advertisedAddress(InetAddress v) { advertisedAddress = v; return this; }
    public Builder tcpPort(int v) { tcpPort = v; return this; }
    public Builder forkId(ForkId v) { forkId = v; return this; }
    public Builder enrSeq(long v) { enrSeq = v; return this; }
    public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
    public Builder packetLifetime(Duration v) { packetLifetime = v; return this; }
    public Builder bondLifetime(Duration v) { bondLifetime = v; return this; }
    public Builder bondCapacity(int v) { bondCapacity = v; return this; }
    public Builder lookupInterval(Duration v) { lookupInterval = v; return this; }
    public Builder revalidateInterval(Duration v) { revalidateInterval = v; return this; }
    public Builder alpha(int v) { alpha = v; return this; }
    public Builder table(TableConfig v) { table = v; return this; }
    public Builder answersPerSecond(int v) { answersPerSecond = v; return this; }
    public Builder rateLimitedSources(int v) { rateLimitedSources = v; return this; }
    public Builder clock(Clock v) { clock = v; return this; }
    public Builder random(Random v) { random = v; return this; }

    public DiscoveryConfig build() {
      return new DiscoveryConfig(bindAddress, udpPort, advertisedAddress, tcpPort, forkId, enrSeq, requestTimeout,
          packetLifetime, bondLifetime, bondCapacity, lookupInterval, revalidateInterval, alpha, table,
          answersPerSecond, rateLimitedSources, clock, random != null ? random : new SecureRandom());
    }
  }
}
