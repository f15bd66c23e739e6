package io.headersync.store.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.headersync.core.block.BlockHeader;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreException;
import io.headersync.store.StoreException.Reason;
import io.headersync.store.WriteBatch;
import io.headersync.store.memory.InMemoryHeaderStore;
import io.headersync.store.testing.SyntheticChain;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch sees its own earlier changes: headers it put, deleted or put again, and canonical
 * entries it added, whether or not a change directly follows the one it depends on.
 */
class BatchPlannerTest {

  private final List<BlockHeader> chain = SyntheticChain.build(11, 8);
  private final HeaderStore store = InMemoryHeaderStore.create(chain.get(0).hash());

  @Test
  void headersPutFirstBecomeCanonicalLaterInTheSameBatch() {
    WriteBatch batch = new WriteBatch();
    chain.forEach(h -> batch.putHeader(h, BigInteger.ONE));
    chain.forEach(h -> batch.setCanonical(h.number(), h.hash()));
    batch.setCanonical(3, chain.get(3).hash()); // again, within the batch: changes nothing
    store.commit(batch);

    assertThat(store.head().orElseThrow().hash()).isEqualTo(chain.get(7).hash());
    assertThat(store.canonicalHash(3)).contains(chain.get(3).hash());
  }

  @Test
  void replacingACanonicalEntryAddedEarlierInTheBatchIsRejected() {
    BlockHeader side = SyntheticChain.child(chain.get(2), 99);
    WriteBatch batch = new WriteBatch();
    chain.subList(0, 5).forEach(h -> batch.putCanonicalHeader(h, BigInteger.ONE));
    batch.putHeader(side).setCanonical(3, side.hash());

    StoreException e = rejectedBy(batch);
    assertThat(e.getMessage()).contains("block 3 is already canonical with hash " + chain.get(3).hash());
    assertThat(store.head()).isEmpty();
  }

  @Test
  void aHeaderPutThenDeletedIsGoneAndPutAgainIsBack() {
    WriteBatch gone = new WriteBatch().putHeader(chain.get(0)).deleteHeader(chain.get(0).hash())
        .setCanonical(0, chain.get(0).hash());
    assertThat(rejectedBy(gone).getMessage()).contains("no header " + chain.get(0).hash());
    assertThat(store.header(chain.get(0).hash())).isEmpty();

    store.commit(new WriteBatch().putHeader(chain.get(0)).deleteHeader(chain.get(0).hash())
        .putHeader(chain.get(0)).setCanonical(0, chain.get(0).hash()));
    assertThat(store.canonicalHash(0)).contains(chain.get(0).hash());
  }

  @Test
  void aHeaderMadeCanonicalEarlierInTheBatchCannotBeDeleted() {
    WriteBatch batch = new WriteBatch();
    chain.subList(0, 3).forEach(h -> batch.putCanonicalHeader(h, null));
    batch.deleteHeader(chain.get(1).hash());

    assertThat(rejectedBy(batch).getMessage()).contains("is canonical at 1");
    assertThat(store.header(chain.get(1).hash())).isEmpty();
  }

  @Test
  void aHeaderJustPutMustBeMadeCanonicalAtItsOwnNumber() {
    store.commit(new WriteBatch().putCanonicalHeader(chain.get(0), null));
    WriteBatch batch = new WriteBatch().putHeader(chain.get(1)).setCanonical(2, chain.get(1).hash());

    assertThat(rejectedBy(batch).getMessage()).contains("is block 1, not 2");
    assertThat(store.header(chain.get(1).hash())).isEmpty();
  }

  @Test
  void aHeaderJustPutMustLinkToTheHeadTheBatchHasBuilt() {
    WriteBatch batch = new WriteBatch();
    chain.subList(0, 3).forEach(h -> batch.putCanonicalHeader(h, null));
    BlockHeader stranger = SyntheticChain.child(chain.get(1), 5); // block 2, but not chain.get(2)'s child
    batch.putCanonicalHeader(SyntheticChain.child(stranger, 6), null);

    assertThat(rejectedBy(batch).getMessage()).contains("its parent is " + stranger.hash());
    assertThat(store.head()).isEmpty();
  }

  private StoreException rejectedBy(WriteBatch batch) {
    StoreException e = catchThrowableOfType(StoreException.class, () -> store.commit(batch));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.REJECTED_WRITE);
    assertThat(e.getMessage()).contains("nothing written");
    return e;
  }
}
