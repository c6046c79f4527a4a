package io.ottertrend.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.memory.JournaledOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedAgentExampleTest {
  @TempDir Path dir;

  @Test
  void theEmbeddedAgentTradesOnPaperAndTheCustomRuleCapsOpenPositionsAtTwo() throws Exception {
    EmbedAgentExample.Result r = EmbedAgentExample.run(dir.resolve("embed.db"), 40, 7);

    assertThat(r.decisions()).hasSize(40);
    assertThat(r.equity()).hasSize(40);
    assertThat(r.orders()).isNotEmpty();
    assertThat(r.orders()).extracting(JournaledOrder::clientOrderId).doesNotHaveDuplicates();
    assertThat(r.vetoesByCustomRule()).as("the brain wanted a third position and the custom rule said no")
        .isNotEmpty()
        .allSatisfy(e -> {
          assertThat(e.verdict()).isEqualTo("REJECT");
          assertThat(e.reason()).contains("at most 2");
        });
    assertThat(r.maxOpenPositions()).isBetween(1, 2);
  }

  @Test
  void theSameSeedGivesTheSameOrders() throws Exception {
    EmbedAgentExample.Result a = EmbedAgentExample.run(dir.resolve("a.db"), 15, 3);
    EmbedAgentExample.Result b = EmbedAgentExample.run(dir.resolve("b.db"), 15, 3);
    // client order ids carry a per-run prefix; what was ordered is the same
    java.util.function.Function<JournaledOrder, String> what =
        o -> o.symbol() + " " + o.side() + " " + o.quantity() + " @ " + o.price();
    assertThat(b.orders()).extracting(what).containsExactlyElementsOf(a.orders().stream().map(what).toList());
    assertThat(b.equity().get(14).equity()).isEqualByComparingTo(a.equity().get(14).equity());
  }

  @Test
  void mainRuns() throws Exception {
    EmbedAgentExample.main(new String[0]);
  }
}
