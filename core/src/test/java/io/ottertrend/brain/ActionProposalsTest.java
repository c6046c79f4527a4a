package io.ottertrend.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import io.ottertrend.risk.Intent;
import io.ottertrend.risk.OrderProposal;
import io.ottertrend.risk.Origin;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionProposalsTest {
  private static Action.Open open(OrderType type, String limit) {
    return new Action.Open("SOLUSDT", Side.BUY, new BigDecimal("0.02"), type,
        limit == null ? null : new BigDecimal(limit), null, null, "r");
  }

  @Test
  void entrySizeComesFromEquityNeverFromTheModel() {
    OrderProposal p = ActionProposals.entry(open(OrderType.LIMIT, "200"), new BigDecimal("1000"),
        new BigDecimal("180"), "ot-1", Origin.LLM);
    assertThat(p.intent()).isEqualTo(Intent.ENTRY);
    assertThat(p.quoteAmount()).isEqualByComparingTo("20");
    assertThat(p.quantity()).isEqualByComparingTo("0.1");
    assertThat(p.limitPrice()).isEqualByComparingTo("200");
    OrderProposal atRef = ActionProposals.entry(open(OrderType.LIMIT_MAKER, null), new BigDecimal("1000"),
        new BigDecimal("160"), "ot-2", Origin.RULES);
    assertThat(atRef.quantity()).isEqualByComparingTo("0.125");
    assertThat(atRef.type()).isEqualTo(OrderType.LIMIT_MAKER);
    OrderProposal market = ActionProposals.entry(open(OrderType.MARKET, null), new BigDecimal("500"), null, "ot-3",
        Origin.LLM);
    assertThat(market.quoteSized()).isTrue();
    assertThat(market.quoteAmount()).isEqualByComparingTo("10");
    assertThatThrownBy(() -> ActionProposals.entry(open(OrderType.LIMIT, null), BigDecimal.TEN, null, "x", Origin.LLM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ActionProposals.entry(open(OrderType.LIMIT, "1"), BigDecimal.ZERO, null, "x", Origin.LLM))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exitSellsTheFractionOfTheHeldQuantity() {
    OrderProposal p = ActionProposals.exit(new Action.Close("ETHUSDT", new BigDecimal("0.5"), "tp"),
        new BigDecimal("0.3"), "ot-4", Origin.CODE);
    assertThat(p.intent()).isEqualTo(Intent.EXIT);
    assertThat(p.side()).isEqualTo(Side.SELL);
    assertThat(p.quantity()).isEqualByComparingTo("0.15");
    assertThatThrownBy(() -> ActionProposals.exit(new Action.Close("ETHUSDT", null, ""), BigDecimal.ZERO, "x",
        Origin.LLM)).isInstanceOf(IllegalArgumentException.class);
    Decision rules = new Decision("rules", "", List.of(), List.of(), List.of(), 0, 0, 0, false, false, null);
    assertThat(ActionProposals.origin(rules)).isEqualTo(Origin.RULES);
    assertThat(ActionProposals.origin(Decision.hold("llm-json", ""))).isEqualTo(Origin.LLM);
  }
}
