package io.ottertrend.memory;

import java.nio.file.Path;

/** The {@link Memory} contract on a real, durable SQLite file. */
class SqliteMemoryContractTest extends MemoryContractTest {
  @Override
  Memory open(Path dir) {
    return SqliteMemory.open(dir.resolve("contract.db"));
  }
}
