package io.headersync.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headersync.core.bytes.Hash;
import io.headersync.store.HeaderStore;
import io.headersync.store.StoreException;
import io.headersync.store.StoreException.Reason;
import io.headersync.store.kv.Table;
import io.headersync.store.testing.HeaderStoreContract;
import org.junit.jupiter.api.Test;

class InMemoryHeaderStoreTest extends HeaderStoreContract {

  private final InMemoryHeaderStore.Database database = new InMemoryHeaderStore.Database();

  @Override
  protected HeaderStore open(Hash genesis) {
    return InMemoryHeaderStore.open(database, genesis);
  }

  @Test
  void aDatabaseAdmitsOneOpenStoreAtATime() {
    assertThatThrownBy(() -> InMemoryHeaderStore.open(database, GENESIS.hash()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.IO));
  }

  @Test
  void aWrongSizedNumberIsReportedAsCorruptionNamingTableAndKey() {
    Hash hash = GENESIS.hash();
    database.putRaw(Table.HEADER_NUMBERS, hash.toArray(), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> store.blockNumber(hash))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.CORRUPTION);
          assertThat(e.table()).isEqualTo("header_numbers");
          assertThat(e.key()).isEqualTo(hash.toArray());
        })
        .hasMessageContaining("8-byte")
        .hasMessageContaining(hash.toString());
  }
}
