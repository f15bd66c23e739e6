package io.headersync.sync.peers;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.HeadersRequest;
import java.util.List;

/**
 * Checks that a headers answer answers the question asked, using nothing but the request and the
 * answer: not more than the limit; the first header is the origin; numbers follow the skip and
 * direction; and, when consecutive, each header links to its neighbour by parent hash. A prefix
 * of the full answer is good (peers have serving limits).
 *
 * <p>Whether the headers belong to the chain being synced is the strategy's question, not this
 * one's. Link checks hash every header but the last; the hashes are cached in the headers, so the
 * strategy does not pay for them twice.
 */
public final class HeadersResponseCheck {

  private HeadersResponseCheck() {}

  public static ResponseVerdict check(HeadersRequest request, List<BlockHeader> headers) {
    if (headers.isEmpty()) {
      return new ResponseVerdict.Empty();
    }
    if (headers.size() > request.limit()) {
      return new ResponseVerdict.Invalid("asked for at most " + request.limit() + " headers, got " + headers.size());
    }
    BlockHeader first = headers.getFirst();
    switch (request.origin()) {
      case BlockOrigin.ByNumber n when first.number() != n.number() ->
          { return new ResponseVerdict.Invalid("first header is #" + first.number() + ", asked for #" + n.number()); }
      case BlockOrigin.ByHash h when !first.hash().equals(h.hash()) ->
          { return new ResponseVerdict.Invalid("first header " + first.hash() + " is not the origin " + h.hash()); }
      default -> { }
    }
    long step = request.step();
    for (int i = 1; i < headers.size(); i++) {
      BlockHeader previous = headers.get(i - 1);
      BlockHeader current = headers.get(i);
      long expected = previous.number() + step;
      if (current.number() != expected) {
        return new ResponseVerdict.Invalid("header " + i + " is #" + current.number() + ", expected #" + expected);
      }
      if (request.skip() == 0) {
        BlockHeader child = request.reverse() ? previous : current;
        BlockHeader parent = request.reverse() ? current : previous;
        if (!child.parentHash().equals(parent.hash())) {
          return new ResponseVerdict.Invalid("header #" + child.number() + " does not link to #" + parent.number() + " by parent hash");
        }
      }
    }
    return new ResponseVerdict.Good(headers.size() < request.limit());
  }
}
