package io.ottertrend.exchange.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.ottertrend.model.Order;
import io.ottertrend.model.OrderStatus;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperOrderTest {
  private static final JsonAdapter<Object> MOSHI = new Moshi.Builder().build().adapter(Object.class);

  private static PaperOrder order(String clientOrderId) {
    return new PaperOrder(new Order("OTTUSDT", "P000000000007", clientOrderId, Side.BUY, OrderType.LIMIT,
        new BigDecimal("9.00"), new BigDecimal("10"), BigDecimal.ZERO, new BigDecimal("2.5"),
        new BigDecimal("22.500"), OrderStatus.PARTIALLY_FILLED, 1_700_000_000_000L, 1_700_000_060_000L), 3,
        1_700_000_120_000L);
  }

  /** What the stored form was when Moshi wrote it from a map. */
  private static String moshi(PaperOrder po) {
    Order o = po.order();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", o.symbol());
    m.put("orderId", o.orderId());
    if (o.clientOrderId() != null) {
      m.put("clientOrderId", o.clientOrderId());
    }
    m.put("side", o.side().name());
    m.put("type", o.type().name());
    m.put("price", o.price().toPlainString());
    m.put("origQty", o.origQty().toPlainString());
    m.put("origQuoteQty", o.origQuoteQty().toPlainString());
    m.put("executedQty", o.executedQty().toPlainString());
    m.put("cummulativeQuoteQty", o.cumulativeQuoteQty().toPlainString());
    m.put("status", o.status().name());
    m.put("time", Long.toString(o.time()));
    m.put("updateTime", Long.toString(o.updateTime()));
    m.put("fillCount", Integer.toString(po.fillCount()));
    m.put("checkedFrom", Long.toString(po.checkedFrom()));
    return MOSHI.toJson(m);
  }

  @Test
  void theStoredFormIsWhatMoshiWroteAndReadsBack() throws IOException {
    for (String cid : new String[] {"c1", null, "q\"uote\\back\nline\u0001\u2028"}) {
      PaperOrder po = order(cid);
      assertThat(po.json()).isEqualTo(moshi(po));
      assertThat(PaperOrder.fromJson((Map<?, ?>) MOSHI.fromJson(po.json()))).isEqualTo(po);
    }
  }
}
