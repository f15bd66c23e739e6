/**
 * The fuzz suite of every decoder a peer reaches, and the flood limits seen through whole
 * sessions.
 *
 * <p>What lives here: {@link io.headersync.p2p.fuzz.Mutator} (seeded bit flips, overwrites,
 * truncation, insertion, deletion, RLP length prefixes inflated, splicing, random runs), valid
 * seeds of every kind ({@code EthCorpus}, {@code DiscoveryCorpus}, Hello, Disconnect, snappy,
 * handshake packets and bodies), {@code FrameWire} (the remote end of an RLPx frame layer, written
 * from the specification so that it can seal lying headers under correct MACs), {@code FuzzLoop}
 * (one decoder, many inputs: only the typed error may escape, and the heap one input costs,
 * measured per thread, stays below a bound set by the input's size and the decoder's cap) and the
 * tests: {@code DecoderFuzzTest} (a million inputs by default over the decoders, counts printed per
 * decoder; {@code -Dheadersync.fuzz.inputs} and {@code -Dheadersync.fuzz.seed} change the run),
 * {@code SessionFuzzTest} (malformed input through eth sessions, RLPx sessions and the handshake
 * handler: the peer is dropped with the reason its fault earns) and {@code FloodTest}.
 *
 * <p>The suite is hand-rolled rather than jqwik-driven because a million inputs must run in well
 * under a minute: a plain seeded loop costs nothing per input, and each input is reproduced from
 * the seed and number a failure prints. It reaches package-private decoders only through the
 * test-only doors {@code rlpx.RlpxInternals} and {@code discovery.wire.WireInternals}, and changes
 * nothing in production code.
 */
package io.headersync.p2p.fuzz;
