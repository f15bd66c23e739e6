package io.headersync.consensus.seal.clique;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Address;
import io.headersync.core.bytes.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clique voting state after one block: who may sign, who signed recently, the votes cast
 * since the last checkpoint and their tallies. Immutable; {@link #apply} gives the next one.
 */
public final class CliqueSnapshot {

  /** A signer's vote, cast in {@code block}, to add or remove {@code subject}. */
  public record Vote(Address signer, long block, Address subject, boolean authorize) {}

  /** Votes for one proposal. */
  public record Tally(boolean authorize, int votes) {}

  private final long number;
  private final Hash hash;
  private final List<Address> signers;
  private final TreeMap<Long, Address> recents;
  private final List<Vote> votes;
  private final Map<Address, Tally> tally;

  private CliqueSnapshot(long number, Hash hash, List<Address> signers, TreeMap<Long, Address> recents, List<Vote> votes,
      Map<Address, Tally> tally) {
    this.number = number;
    this.hash = hash;
    this.signers = signers;
    this.recents = recents;
    this.votes = votes;
    this.tally = tally;
  }

  /** The state a checkpoint (or the genesis) sets: its listed signers, nothing recent, no votes. */
  public static CliqueSnapshot atCheckpoint(BlockHeader checkpoint, List<Address> signers) {
    List<Address> sorted = new ArrayList<>(signers);
    sorted.sort(CliqueHeaders::compare);
    return new CliqueSnapshot(checkpoint.number(), checkpoint.hash(), List.copyOf(sorted), new TreeMap<>(), List.of(), Map.of());
  }

  public long number() {
    return number;
  }

  public Hash hash() {
    return hash;
  }

  /** The authorized signers, ascending. */
  public List<Address> signers() {
    return signers;
  }

  /** Block number to signer, of the blocks whose signers may not sign yet. */
  public Map<Long, Address> recents() {
    return Collections.unmodifiableMap(recents);
  }

  public List<Vote> votes() {
    return votes;
  }

  public Map<Address, Tally> tally() {
    return Collections.unmodifiableMap(tally);
  }

  public boolean isSigner(Address a) {
    return Collections.binarySearch(signers, a, CliqueHeaders::compare) >= 0;
  }

  /** True when block {@code blockNumber} is {@code signer}'s turn: difficulty 2, else 1. */
  public boolean inTurn(long blockNumber, Address signer) {
    int index = Collections.binarySearch(signers, signer, CliqueHeaders::compare);
    return index >= 0 && Long.remainderUnsigned(blockNumber, signers.size()) == index;
  }

  /** Signers may sign at most one of any {@code floor(N/2) + 1} consecutive blocks. */
  public int recentLimit() {
    return signers.size() / 2 + 1;
  }

  /** The block within the limit that {@code signer} signed, or -1 if it may sign {@code blockNumber}. */
  public long recentlySigned(long blockNumber, Address signer) {
    long oldestBlocking = blockNumber - recentLimit();
    for (Map.Entry<Long, Address> e : recents.descendingMap().entrySet()) {
      if (e.getKey() <= oldestBlocking) {
        break;
      }
      if (e.getValue().equals(signer)) {
        return e.getKey();
      }
    }
    return -1;
  }

  /**
   * The state after {@code header}, signed by {@code signer}, whom the caller has checked
   * against this snapshot. Applies the header's vote (beneficiary and nonce); a proposal that
   * reaches a majority of the signers takes effect at once.
   */
  public CliqueSnapshot apply(BlockHeader header, Address signer, long epochLength) {
    long n = header.number();
    boolean checkpoint = n % epochLength == 0;
    List<Address> nextSigners = new ArrayList<>(signers);
    TreeMap<Long, Address> nextRecents = new TreeMap<>(recents);
    List<Vote> nextVotes = checkpoint ? new ArrayList<>() : new ArrayList<>(votes);
    Map<Address, Tally> nextTally = checkpoint ? new HashMap<>() : new HashMap<>(tally);

    nextRecents.put(n, signer);
    trimRecents(nextRecents, n, nextSigners.size());

    Address subject = header.beneficiary();
    // A signer's new vote on a subject replaces its previous one.
    for (int i = 0; i < nextVotes.size(); i++) {
      Vote v = nextVotes.get(i);
      if (v.signer().equals(signer) && v.subject().equals(subject)) {
        uncast(nextTally, v.subject(), v.authorize());
        nextVotes.remove(i);
        break;
      }
    }
    boolean authorize = header.nonce() == CliqueHeaders.NONCE_AUTHORIZE;
    if (cast(nextTally, nextSigners, subject, authorize)) {
      nextVotes.add(new Vote(signer, n, subject, authorize));
    }
    Tally t = nextTally.get(subject);
    if (t != null && t.votes() > nextSigners.size() / 2) {
      if (t.authorize()) {
        nextSigners.add(subject);
        nextSigners.sort(CliqueHeaders::compare);
      } else {
        nextSigners.remove(subject);
        trimRecents(nextRecents, n, nextSigners.size());
        // The removed signer's own votes no longer count.
        for (int i = 0; i < nextVotes.size(); i++) {
          Vote v = nextVotes.get(i);
          if (v.signer().equals(subject)) {
            uncast(nextTally, v.subject(), v.authorize());
            nextVotes.remove(i);
            i--;
          }
        }
      }
      nextVotes.removeIf(v -> v.subject().equals(subject));
      nextTally.remove(subject);
    }
    return new CliqueSnapshot(n, header.hash(), List.copyOf(nextSigners), nextRecents, List.copyOf(nextVotes),
        Map.copyOf(nextTally));
  }

  private static void trimRecents(TreeMap<Long, Address> recents, long number, int signerCount) {
    long limit = signerCount / 2 + 1;
    recents.headMap(number - limit, true).clear();
  }

  /** Counts a vote if it would change something: adding a non-signer or removing a signer. */
  private static boolean cast(Map<Address, Tally> tally, List<Address> signers, Address subject, boolean authorize) {
    boolean isSigner = Collections.binarySearch(signers, subject, CliqueHeaders::compare) >= 0;
    if (isSigner == authorize) {
      return false;
    }
    Tally old = tally.get(subject);
    if (old != null && old.authorize() != authorize) {
      return false;
    }
    tally.put(subject, new Tally(authorize, old == null ? 1 : old.votes() + 1));
    return true;
  }

  private static void uncast(Map<Address, Tally> tally, Address subject, boolean authorize) {
    Tally old = tally.get(subject);
    if (old == null || old.authorize() != authorize) {
      return;
    }
    if (old.votes() > 1) {
      tally.put(subject, new Tally(authorize, old.votes() - 1));
    } else {
      tally.remove(subject);
    }
  }
}
