package io.ottertrend.memory;

import static io.ottertrend.memory.MemoryContractTest.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The answers {@link InMemoryMemory} keeps between calls are dropped whenever what they were built from changes. */
class InMemoryMemoryCachesTest {
  private final InMemoryMemory memory = InMemoryMemory.create();

  private List<String> symbols(String exchange) {
    return memory.positions(exchange).stream().map(p -> p.symbol() + "=" + p.quantity().toPlainString()).toList();
  }

  @Test
  void sortedPositionsFollowUpsertsAndRemovals() {
    memory.upsertPosition(position("paper", "BBB", "1", 20));
    memory.upsertPosition(position("paper", "AAA", "1", 20));
    assertThat(symbols("paper")).containsExactly("AAA=1", "BBB=1");
    assertThat(memory.positions("paper")).isSameAs(memory.positions("paper")); // kept between calls

    memory.upsertPosition(position("paper", "CCC", "1", 10));
    assertThat(symbols("paper")).containsExactly("CCC=1", "AAA=1", "BBB=1");
    memory.upsertPosition(position("paper", "AAA", "2", 20));
    assertThat(symbols("paper")).containsExactly("CCC=1", "AAA=2", "BBB=1");
    memory.removePosition("paper", "CCC");
    assertThat(symbols("paper")).containsExactly("AAA=2", "BBB=1");
    memory.removePosition("paper", "missing");
    assertThat(symbols("paper")).containsExactly("AAA=2", "BBB=1");
  }

  @Test
  void sortedPositionsAreKeptPerExchange() {
    memory.upsertPosition(position("paper", "AAA", "1", 1));
    memory.upsertPosition(position("mexc", "BBB", "1", 1));
    assertThat(symbols("paper")).containsExactly("AAA=1");
    assertThat(symbols("mexc")).containsExactly("BBB=1");
    memory.upsertPosition(position("mexc", "CCC", "1", 2));
    assertThat(symbols("paper")).containsExactly("AAA=1");
    assertThat(symbols("mexc")).containsExactly("BBB=1", "CCC=1");
  }

  @Test
  void sortedPositionsFollowARolledBackTransaction() {
    memory.upsertPosition(position("paper", "AAA", "1", 1));
    memory.upsertPosition(position("paper", "BBB", "1", 2));
    assertThat(symbols("paper")).containsExactly("AAA=1", "BBB=1");
    assertThatThrownBy(() -> memory.inTransaction(() -> {
      memory.upsertPosition(position("paper", "AAA", "5", 1));
      memory.removePosition("paper", "BBB");
      memory.upsertPosition(position("paper", "CCC", "1", 0));
      assertThat(symbols("paper")).containsExactly("CCC=1", "AAA=5"); // read inside: cached, then undone
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(symbols("paper")).containsExactly("AAA=1", "BBB=1");
  }

  @Test
  void prefixAnswersFollowEveryStateChange() {
    memory.putState("risk.a", "1", 1);
    memory.putState("other", "x", 1);
    assertThat(memory.states("risk.")).containsExactly(entry("risk.a", "1"));
    assertThat(memory.states("risk.")).isSameAs(memory.states("risk.")); // kept between calls
    memory.putState("other", "y", 2);
    assertThat(memory.states("risk.")).containsExactly(entry("risk.a", "1"));
    assertThat(memory.states("")).containsExactly(entry("other", "y"), entry("risk.a", "1"));

    memory.putState("risk.b", "2", 3);
    assertThat(memory.states("risk.")).containsExactly(entry("risk.a", "1"), entry("risk.b", "2"));
    memory.putState("risk.a", "3", 4);
    assertThat(memory.states("risk.")).containsExactly(entry("risk.a", "3"), entry("risk.b", "2"));
    assertThat(memory.compareAndSetState("risk.b", "2", "5", 5)).isTrue();
    assertThat(memory.states("risk.")).containsExactly(entry("risk.a", "3"), entry("risk.b", "5"));
    memory.deleteState("risk.a");
    assertThat(memory.states("risk.")).containsExactly(entry("risk.b", "5"));
    assertThat(memory.states("")).containsExactly(entry("other", "y"), entry("risk.b", "5"));
  }

  @Test
  void prefixAnswersFollowARolledBackTransaction() {
    memory.putState("risk.a", "1", 1);
    memory.putState("risk.b", "2", 1);
    assertThat(memory.states("risk.")).containsExactly(entry("risk.a", "1"), entry("risk.b", "2"));
    assertThatThrownBy(() -> memory.inTransaction(() -> {
      memory.putState("risk.a", "9", 2);
      memory.deleteState("risk.b");
      memory.putState("risk.c", "3", 2);
      assertThat(memory.states("risk.")).containsExactly(entry("risk.a", "9"), entry("risk.c", "3"));
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(memory.states("risk.")).containsExactly(entry("risk.a", "1"), entry("risk.b", "2"));
  }

  @Test
  void manyPrefixesStillAnswerCorrectly() {
    for (int i = 0; i < 40; i++) {
      memory.putState("p" + i + ".k", "v" + i, i);
      assertThat(memory.states("p" + i + ".")).containsExactly(entry("p" + i + ".k", "v" + i));
    }
    memory.putState("p3.k", "changed", 50);
    for (int i = 0; i < 40; i++) {
      assertThat(memory.states("p" + i + ".")).containsExactly(entry("p" + i + ".k", i == 3 ? "changed" : "v" + i));
    }
  }
}
