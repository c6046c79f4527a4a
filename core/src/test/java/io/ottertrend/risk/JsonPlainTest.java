package io.ottertrend.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.model.Decimals;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Json#appendPlain} writes 19 to 38 digit values from their 64-bit words rather than through
 * {@code toPlainString}: the same text as {@link Decimals#plain} for every such value, around the point, with and
 * without trailing zeros, negative and tiny.
 */
class JsonPlainTest {
  private static String plain(BigDecimal v) {
    StringBuilder sb = new StringBuilder("x");
    Json.appendPlain(sb, v);
    return sb.substring(1);
  }

  @Test
  void wideValuesReadAsTheirPlainText() {
    SplittableRandom rnd = new SplittableRandom(20261125);
    java.util.Random bits = new java.util.Random(7);
    for (int i = 0; i < 200_000; i++) {
      BigDecimal v = switch (rnd.nextInt(5)) {
        // what normalised orders look like: a quote over a price to 20 or 24 digits, rounded down
        case 0 -> BigDecimal.valueOf(rnd.nextLong(1, 100_000_000_000L), rnd.nextInt(0, 9)).divide(
            BigDecimal.valueOf(rnd.nextLong(1, 10_000_000_000L), rnd.nextInt(0, 9)),
            new MathContext(rnd.nextBoolean() ? 20 : 24, RoundingMode.DOWN));
        // any unscaled value below 10^38 at any scale the fast path takes
        case 1 -> new BigDecimal(new BigInteger(rnd.nextInt(60, 127), bits), rnd.nextInt(1, 41));
        // trailing zeros in the fraction and in the unscaled value
        case 2 -> new BigDecimal(new BigInteger(rnd.nextInt(1, 100), bits).multiply(BigInteger.TEN.pow(rnd.nextInt(0,
            20))), rnd.nextInt(1, 41));
        // negative
        case 3 -> new BigDecimal(new BigInteger(rnd.nextInt(60, 127), bits).negate(), rnd.nextInt(1, 41));
        // exactly 10^k - 1 and 10^k: digit-count borders
        default -> new BigDecimal(BigInteger.TEN.pow(rnd.nextInt(18, 38)).subtract(BigInteger.valueOf(
            rnd.nextInt(0, 2))), rnd.nextInt(1, 41));
      };
      assertThat(plain(v)).as("%s (scale %d)", v, v.scale()).isEqualTo(Decimals.plain(v));
    }
  }
}
