package io.headersync.sync.api;

/**
 * Where a caller reports a peer whose answer turned out wrong on closer inspection (it did not
 * link to the chain, its bodies did not match their headers). The report costs the peer
 * reputation exactly as if the client had caught the fault itself.
 */
public interface PeerReporter {

  void reportPeer(PeerId peer, Offence offence, String detail);
}
