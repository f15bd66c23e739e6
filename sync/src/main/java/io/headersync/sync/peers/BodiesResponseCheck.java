package io.headersync.sync.peers;

import io.headersync.core.block.BlockBody;
import io.headersync.sync.api.BodiesRequest;
import java.util.List;

/**
 * Checks the one thing about a bodies answer that needs no headers: it holds at most as many
 * bodies as asked. Whether each body matches its header's roots is the caller's check, reported
 * back as {@code WRONG_DATA}.
 */
public final class BodiesResponseCheck {

  private BodiesResponseCheck() {}

  public static ResponseVerdict check(BodiesRequest request, List<BlockBody> bodies) {
    if (bodies.isEmpty()) {
      return new ResponseVerdict.Empty();
    }
    if (bodies.size() > request.count()) {
      return new ResponseVerdict.Invalid("asked for " + request.count() + " bodies, got " + bodies.size());
    }
    return new ResponseVerdict.Good(bodies.size() < request.count());
  }
}
