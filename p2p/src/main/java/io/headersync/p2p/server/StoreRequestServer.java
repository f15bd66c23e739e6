package io.headersync.p2p.server;

import io.headersync.core.block.BlockHeader;
import io.headersync.core.bytes.Hash;
import io.headersync.p2p.eth.EthMessage.GetBlockBodies;
import io.headersync.p2p.eth.EthMessage.GetBlockHeaders;
import io.headersync.p2p.eth.RequestServer;
import io.headersync.store.CloseableIterator;
import io.headersync.store.HeaderStore;
import io.headersync.sync.api.BlockOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Answers GetBlockHeaders and GetBlockBodies from the store, within {@link ServerConfig}'s limits.
 *
 * <p>Headers come only from the canonical chain: an origin hash that is not canonical gets an
 * empty answer, as does an origin above the head. The walk stops at the first number with no
 * canonical header (above the head, below the oldest canonical block), so the answer is always
 * the exact start of what was asked.
 *
 * <p>Bodies are answered as a prefix: the walk stops at the first hash whose body the store does
 * not hold. geth skips such hashes instead, but then the requester cannot tell which body belongs
 * to which hash without hashing every one against its header; a prefix keeps the answer
 * positional, as this product's own client expects.
 *
 * <p>Thread-safe (the store's reads are); used from every session's thread at once.
 */
public final class StoreRequestServer implements RequestServer {

  private final HeaderStore store;
  private final ServerConfig config;

  public StoreRequestServer(HeaderStore store, ServerConfig config) {
    this.store = Objects.requireNonNull(store, "store");
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public List<byte[]> headers(GetBlockHeaders request) {
    int count = clamp(request.limit(), config.maxHeaders());
    if (count == 0) {
      return List.of();
    }
    OptionalLong first = originNumber(request.origin());
    if (first.isEmpty()) {
      return List.of();
    }
    // skip and limit are unsigned 64-bit on the wire: a huge skip simply ends the walk after one header.
    long step = Long.compareUnsigned(request.skip(), Long.MAX_VALUE - 1) >= 0 ? Long.MAX_VALUE : request.skip() + 1;
    if (step == 1) {
      List<byte[]> range = contiguous(first.getAsLong(), count, request.reverse());
      if (range != null) {
        return range;
      }
    }
    return stepped(first.getAsLong(), count, step, request.reverse());
  }

  /**
   * A run of consecutive canonical headers read in one pass over the store (far cheaper than a
   * lookup per number, and almost every request a syncing peer sends is one), or null when the
   * run read does not start where the answer must, so the caller walks number by number instead.
   */
  private List<byte[]> contiguous(long origin, int count, boolean reverse) {
    long lowest = reverse ? Math.max(0, origin - count + 1) : origin;
    List<byte[]> ascending = new ArrayList<>(Math.min(count, 1024));
    long last = -1;
    long bytes = 0;
    try (CloseableIterator<BlockHeader> it = store.canonicalHeaders(lowest)) {
      while (ascending.size() < count && it.hasNext()) {
        BlockHeader header = it.next();
        if (ascending.isEmpty() && !reverse && header.number() != origin) {
          return null;
        }
        if (header.number() > origin && reverse) {
          break;
        }
        ascending.add(header.encoded());
        last = header.number();
        bytes += header.encoded().length;
        if (!reverse && bytes >= config.maxHeaderBytes()) {
          break;
        }
      }
    }
    if (ascending.isEmpty() || reverse && last != origin) {
      return null;
    }
    return reverse ? capFromTheTop(ascending) : ascending;
  }

  /** The newest headers of an ascending run, newest first, cut after the one that reaches the byte limit. */
  private List<byte[]> capFromTheTop(List<byte[]> ascending) {
    List<byte[]> out = new ArrayList<>(ascending.size());
    long bytes = 0;
    for (int i = ascending.size() - 1; i >= 0 && bytes < config.maxHeaderBytes(); i--) {
      out.add(ascending.get(i));
      bytes += ascending.get(i).length;
    }
    return out;
  }

  private List<byte[]> stepped(long origin, int count, long step, boolean reverse) {
    List<byte[]> out = new ArrayList<>(Math.min(count, 64));
    long bytes = 0;
    long number = origin;
    while (out.size() < count && bytes < config.maxHeaderBytes()) {
      Optional<BlockHeader> header = store.canonicalHeader(number);
      if (header.isEmpty()) {
        break;
      }
      byte[] encoded = header.get().encoded();
      out.add(encoded);
      bytes += encoded.length;
      if (reverse) {
        if (number < step) {
          break;
        }
        number -= step;
      } else {
        if (number > Long.MAX_VALUE - step) {
          break;
        }
        number += step;
      }
    }
    return out;
  }

  @Override
  public List<byte[]> bodies(GetBlockBodies request) {
    List<byte[]> out = new ArrayList<>(Math.min(request.hashes().size(), 64));
    long bytes = 0;
    for (Hash hash : request.hashes()) {
      if (out.size() >= config.maxBodies() || bytes >= config.maxBodyBytes()) {
        break;
      }
      Optional<byte[]> body = store.body(hash);
      if (body.isEmpty()) {
        break;
      }
      out.add(body.get());
      bytes += body.get().length;
    }
    return out;
  }

  private OptionalLong originNumber(BlockOrigin origin) {
    return switch (origin) {
      case BlockOrigin.ByNumber n -> OptionalLong.of(n.number());
      case BlockOrigin.ByHash h -> {
        OptionalLong number = store.blockNumber(h.hash());
        yield number.isPresent() && store.isCanonical(h.hash()) ? number : OptionalLong.empty();
      }
    };
  }

  /** An unsigned wire count clamped to {@code cap}. */
  private static int clamp(long unsigned, int cap) {
    return Long.compareUnsigned(unsigned, cap) > 0 ? cap : (int) unsigned;
  }
}
