package io.headersync.sync.stages;

import io.headersync.consensus.InvalidHeaderException;
import io.headersync.consensus.body.BodyValidator;
import io.headersync.core.block.BlockBody;
import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.store.Checkpoint;
import io.headersync.store.HeaderStore;
import io.headersync.store.WriteBatch;
import io.headersync.sync.api.BlockRange;
import io.headersync.sync.api.BodiesClient;
import io.headersync.sync.api.BodiesRequest;
import io.headersync.sync.api.Offence;
import io.headersync.sync.api.PeerResponse;
import io.headersync.sync.api.RequestFailure;
import io.headersync.sync.api.RequestListener;
import io.headersync.sync.api.RequestTicket;
import io.headersync.sync.time.TaskScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the bodies of the canonical blocks in a configured range (never past the previous
 * stage's checkpoint), checks each against its header's roots ({@link BodyValidator}), and stores
 * them with the checkpoint in one write per answer.
 *
 * <p>The checkpoint {@code n} means "every body of {@code range.first()..n} is stored"; before
 * the first body it is {@code range.first() - 1} (or 0). A body that does not match its header
 * is reported to the client as {@link Offence#WRONG_DATA} (the scheduler then prefers another peer)
 * and asked for again; the good bodies before it in the same answer are kept. One request is in
 * flight at a time: bodies are an optional extra here, not the bulk of a sync.
 */
public final class BodiesStage implements Stage {

  public static final String ID = "bodies";

  private static final Logger LOG = LoggerFactory.getLogger(BodiesStage.class);

  private record Answer(PeerResponse<List<BlockBody>> response, List<BlockHeader> headers) {}

  private final HeaderStore store;
  private final BodiesClient client;
  private final TaskScheduler loop;
  private final BlockRange range;
  private final int bodiesPerRequest;
  private final Duration failureRetryDelay;
  private Runnable ready = () -> {};

  private RequestTicket inFlight;
  private List<BlockHeader> asked;
  private Answer answer;
  private boolean retryDue = true;
  private int generation;
  private long bodiesStored;
  private long bodiesRejected;

  /**
   * @param bodiesPerRequest bodies asked for at once; 128 is a sensible value (geth serves up to
   *     that many, and a post-merge body averages well under 100 KB)
   * @param failureRetryDelay wait after a failed request before asking again (1 s: the scheduler
   *     already tried other peers)
   */
  public BodiesStage(HeaderStore store, BodiesClient client, TaskScheduler loop, BlockRange range, int bodiesPerRequest,
      Duration failureRetryDelay) {
    this.store = Objects.requireNonNull(store, "store");
    this.client = Objects.requireNonNull(client, "client");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.range = Objects.requireNonNull(range, "range");
    this.failureRetryDelay = Objects.requireNonNull(failureRetryDelay, "failureRetryDelay");
    if (bodiesPerRequest < 1) {
      throw new IllegalArgumentException("bodiesPerRequest must be positive, got " + bodiesPerRequest);
    }
    this.bodiesPerRequest = bodiesPerRequest;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void setReadyListener(Runnable listener) {
    ready = Objects.requireNonNull(listener, "listener");
  }

  public long bodiesStored() {
    return bodiesStored;
  }

  public long bodiesRejected() {
    return bodiesRejected;
  }

  @Override
  public StageResult execute(ExecInput input) {
    long none = Math.max(0, range.first() - 1);
    long done = Math.max(input.checkpointNumber(none), none);
    long upTo = Math.min(range.last(), input.upTo().orElse(range.last()));
    if (answer != null) {
      return store(answer, done, upTo);
    }
    if (done >= upTo) {
      return new StageResult.Done(new WriteBatch(), Checkpoint.at(Math.max(done, 0)));
    }
    if (inFlight == null && retryDue) {
      ask(Math.max(done + 1, range.first()), upTo);
    }
    return new StageResult.Waiting();
  }

  @Override
  public UnwindResult unwind(UnwindInput input) {
    // Bodies of blocks above the point go with them in the canonical unwind; drop what is in flight.
    generation++;
    if (inFlight != null) {
      inFlight.cancel();
      inFlight = null;
    }
    answer = null;
    retryDue = true;
    long none = Math.max(0, range.first() - 1);
    long number = Math.min(input.to(), input.checkpoint().map(Checkpoint::number).orElse(none));
    return UnwindResult.checkpointOnly(Checkpoint.at(number));
  }

  private void ask(long from, long upTo) {
    long last = Math.min(upTo, from + bodiesPerRequest - 1);
    List<BlockHeader> headers = new ArrayList<>();
    List<Hash> hashes = new ArrayList<>();
    for (long n = from; n <= last; n++) {
      long number = n;
      BlockHeader h = store.canonicalHeader(n).orElseThrow(() -> new StageException(ID, StageException.Kind.MISSING_HEADER,
          number, "no canonical header below the previous stage's checkpoint " + upTo));
      headers.add(h);
      hashes.add(h.hash());
    }
    asked = headers;
    int gen = generation;
    inFlight = client.requestBodies(new BodiesRequest(hashes), new RequestListener<>() {
      @Override
      public void onResponse(PeerResponse<List<BlockBody>> response) {
        if (gen == generation) {
          inFlight = null;
          answer = new Answer(response, asked);
          ready.run();
        }
      }

      @Override
      public void onFailure(RequestFailure failure) {
        if (gen != generation) {
          return;
        }
        inFlight = null;
        retryDue = false;
        LOG.debug("bodies from block {} not fetched, asking again in {}: {}", asked.getFirst().number(), failureRetryDelay, failure);
        loop.schedule(failureRetryDelay, () -> {
          if (gen == generation) {
            retryDue = true;
            ready.run();
          }
        });
      }
    });
  }

  private StageResult store(Answer a, long done, long upTo) {
    answer = null;
    List<BlockBody> bodies = a.response().value();
    WriteBatch write = new WriteBatch();
    long reached = done;
    int n = Math.min(bodies.size(), a.headers().size());
    for (int i = 0; i < n; i++) {
      BlockHeader header = a.headers().get(i);
      try {
        BodyValidator.validate(header, bodies.get(i));
      } catch (InvalidHeaderException e) {
        bodiesRejected++;
        client.reportPeer(a.response().peer(), Offence.WRONG_DATA, e.getMessage());
        break;
      }
      write.putBody(header.hash(), bodies.get(i).encode());
      reached = header.number();
      bodiesStored++;
    }
    if (reached == done) {
      if (bodies.isEmpty()) {
        client.reportPeer(a.response().peer(), Offence.USELESS_RESPONSE, "no bodies for blocks from " + a.headers().getFirst().number());
      }
      ask(done + 1, upTo);
      return new StageResult.Waiting();
    }
    Checkpoint checkpoint = Checkpoint.at(reached);
    return reached >= upTo ? new StageResult.Done(write, checkpoint) : new StageResult.Progress(write, checkpoint);
  }
}
