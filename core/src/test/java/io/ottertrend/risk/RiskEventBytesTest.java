package io.ottertrend.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.model.Decimals;
import io.ottertrend.model.OrderRequest;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The recorded risk event text and the proposal check must not change when their code gets faster: every
 * fast path here is compared with the implementation it replaced, kept below as the reference.
 */
class RiskEventBytesTest {
  private static final int CASES = 50_000;
  private static final String ID_CHARS = "abcXYZ059_-\"\\\n\t é€\u0001\u007f\u00ff/ .";

  @Test
  void proposalJsonIsByteIdenticalToTheReference() {
    SplittableRandom rnd = new SplittableRandom(20_260_101L);
    for (int i = 0; i < CASES; i++) {
      OrderProposal p = new OrderProposal(maybe(rnd, text(rnd, 40)), pick(rnd, Side.values()),
          pick(rnd, Intent.values()), pick(rnd, OrderType.values()), decimal(rnd), decimal(rnd), decimal(rnd),
          maybe(rnd, text(rnd, 250)), pick(rnd, Origin.values()));
      assertThat(p.toJson()).as("case %d: %s", i, p).isEqualTo(Reference.proposalJson(p));
    }
  }

  @Test
  void orderJsonIsByteIdenticalToTheReference() {
    SplittableRandom rnd = new SplittableRandom(7_331L);
    OrderProposal proposal = OrderProposal.marketEntry("BTCUSDT", BigDecimal.TEN, "c1", Origin.RULES);
    int built = 0;
    for (int i = 0; i < CASES; i++) {
      OrderRequest order;
      try {
        order = new OrderRequest(text(rnd, 12) + "USDT", pick(rnd, Side.values()), pick(rnd, OrderType.values()),
            decimal(rnd), decimal(rnd), decimal(rnd), clientId(rnd));
      } catch (IllegalArgumentException | NullPointerException e) {
        continue; // not a valid order: the engine never records one
      }
      built++;
      RiskDecision d = new RiskDecision(RiskDecision.Outcome.APPROVE, "engine", "all rules passed", proposal, order,
          List.of(), false);
      assertThat(d.orderJson()).as("case %d: %s", i, order).isEqualTo(Reference.orderJson(order));
    }
    assertThat(built).isGreaterThan(CASES / 25); // enough valid orders to mean something
  }

  @Test
  void plainTextMatchesDecimalsPlain() {
    SplittableRandom rnd = new SplittableRandom(99L);
    List<BigDecimal> fixed = List.of(BigDecimal.ZERO, new BigDecimal("0E+3"), new BigDecimal("0E-7"),
        new BigDecimal("0.000"), new BigDecimal("100.00"), new BigDecimal("-100.00"), new BigDecimal("12E+3"),
        new BigDecimal("-0.0500"), new BigDecimal("1.23000000000000000000000000"), BigDecimal.ONE.negate(),
        new BigDecimal("10"), new BigDecimal("1E-30"), new BigDecimal("123456789012345678901234.5678900"));
    for (BigDecimal v : fixed) {
      assertThat(plain(v)).as("%s", v).isEqualTo(Decimals.plain(v));
    }
    for (int i = 0; i < CASES; i++) {
      BigDecimal v = decimal(rnd);
      if (v != null) {
        assertThat(plain(v)).as("%s scale %d", v, v.scale()).isEqualTo(Decimals.plain(v));
      }
    }
  }

  @Test
  void clientIdCheckMatchesTheRegex() {
    Pattern regex = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    SplittableRandom rnd = new SplittableRandom(4_242L);
    List<String> fixed = List.of("", "a", "-", "_", "a".repeat(32), "a".repeat(33), "abc def", "ab\ncd", "é",
        "\uD83D\uDE00", "a\uD83D\uDE00", "Z9", "[", "`", "{", "@", "/", ":");
    for (String s : fixed) {
      assertThat(RiskEngine.validClientId(s)).as("'%s'", s).isEqualTo(regex.matcher(s).matches());
    }
    assertThat(RiskEngine.validClientId(null)).isFalse();
    for (int c = 0; c < 0x10000; c++) {
      String s = String.valueOf((char) c);
      assertThat(RiskEngine.validClientId(s)).as("char %04x", c).isEqualTo(regex.matcher(s).matches());
    }
    for (int i = 0; i < CASES; i++) {
      String s = rnd.nextInt(4) == 0 ? text(rnd, 40) : clientId(rnd);
      assertThat(RiskEngine.validClientId(s)).as("'%s'", s).isEqualTo(regex.matcher(s).matches());
    }
  }

  private static String plain(BigDecimal v) {
    StringBuilder sb = new StringBuilder("x");
    Json.appendPlain(sb, v);
    return sb.substring(1);
  }

  /** Mostly plausible prices and sizes, often odd: zeros, negatives, long fractions, huge and tiny exponents. */
  private static BigDecimal decimal(SplittableRandom rnd) {
    return switch (rnd.nextInt(9)) {
      case 0 -> null;
      case 1 -> BigDecimal.valueOf(rnd.nextLong(-1_000_000, 1_000_000_000L), rnd.nextInt(-6, 12));
      case 2 -> new BigDecimal(rnd.nextDouble() * Math.pow(10, rnd.nextInt(-9, 9)))
          .round(new MathContext(rnd.nextInt(1, 30), RoundingMode.DOWN));
      case 3 -> BigDecimal.valueOf(rnd.nextInt(-3, 1000)).divide(BigDecimal.valueOf(rnd.nextInt(1, 99_999)),
          new MathContext(24, RoundingMode.DOWN));
      case 4 -> new BigDecimal(new BigInteger(rnd.nextInt(1, 200), new java.util.Random(rnd.nextLong())),
          rnd.nextInt(-60, 60));
      case 5 -> BigDecimal.valueOf(rnd.nextLong(0, 100)).setScale(rnd.nextInt(0, 45));
      case 6 -> BigDecimal.ZERO.setScale(rnd.nextInt(-5, 10));
      case 7 -> new BigDecimal(BigInteger.TEN.pow(rnd.nextInt(0, 50)), rnd.nextInt(-50, 50));
      default -> BigDecimal.valueOf(rnd.nextLong(1, 10_000_000L), 8).stripTrailingZeros();
    };
  }

  private static String clientId(SplittableRandom rnd) {
    String alphabet = "ABCxyz0189_-";
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(0, 36);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    if (n > 0 && rnd.nextInt(8) == 0) {
      sb.setCharAt(rnd.nextInt(n), ID_CHARS.charAt(rnd.nextInt(ID_CHARS.length())));
    }
    return sb.toString();
  }

  private static String text(SplittableRandom rnd, int max) {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(0, max + 1);
    for (int i = 0; i < n; i++) {
      sb.append(ID_CHARS.charAt(rnd.nextInt(ID_CHARS.length())));
    }
    return sb.toString();
  }

  private static String maybe(SplittableRandom rnd, String s) {
    return rnd.nextInt(6) == 0 ? null : s;
  }

  private static <T> T pick(SplittableRandom rnd, T[] values) {
    int i = rnd.nextInt(values.length + 1);
    return i == values.length ? null : values[i];
  }

  /** The serialisation as it was before the fast paths (Decimals.plain for every number). */
  private static final class Reference {
    static String proposalJson(OrderProposal p) {
      StringBuilder sb = new StringBuilder(160);
      sb.append('{');
      Json.field(sb, "symbol", p.symbol());
      Json.field(sb, "side", p.side() == null ? null : p.side().name());
      Json.field(sb, "intent", p.intent() == null ? null : p.intent().name());
      Json.field(sb, "type", p.type() == null ? null : p.type().name());
      number(sb, "quoteAmount", p.quoteAmount());
      number(sb, "quantity", p.quantity());
      number(sb, "limitPrice", p.limitPrice());
      Json.field(sb, "clientOrderId", p.clientOrderId());
      Json.field(sb, "origin", p.origin().name());
      sb.setLength(sb.length() - 1);
      return sb.append('}').toString();
    }

    static String orderJson(OrderRequest order) {
      StringBuilder sb = new StringBuilder(160).append('{');
      Json.field(sb, "symbol", order.symbol());
      Json.field(sb, "side", order.side().name());
      Json.field(sb, "type", order.type().name());
      number(sb, "quantity", order.quantity());
      number(sb, "quoteQuantity", order.quoteQuantity());
      number(sb, "price", order.price());
      Json.field(sb, "clientOrderId", order.clientOrderId());
      sb.setLength(sb.length() - 1);
      return sb.append('}').toString();
    }

    static void number(StringBuilder sb, String name, BigDecimal value) {
      sb.append('"').append(name).append("\":");
      if (value == null) {
        sb.append("null");
      } else if (value.scale() > 40 || value.precision() - value.scale() > 40) {
        sb.append(value.toString());
      } else {
        sb.append(Decimals.plain(value));
      }
      sb.append(',');
    }
  }
}
