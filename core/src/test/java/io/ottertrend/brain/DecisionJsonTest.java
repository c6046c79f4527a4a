package io.ottertrend.brain;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link DecisionJson}'s writer gives the text Moshi gives for the same maps, character for character. */
class DecisionJsonTest {
  private static final JsonAdapter<Object> MOSHI = new Moshi.Builder().build().adapter(Object.class);

  @Test
  void actionsAndDroppedAreWhatMoshiWrites() {
    Random random = new Random(5);
    for (int round = 0; round < 3000; round++) {
      List<Action> actions = new ArrayList<>();
      List<Decision.Dropped> dropped = new ArrayList<>();
      for (int k = random.nextInt(4); k > 0; k--) {
        actions.add(random.nextBoolean() ? open(random) : new Action.Close(symbol(random),
            random.nextBoolean() ? null : decimal(random).min(BigDecimal.ONE), maybe(random)));
        dropped.add(new Decision.Dropped(text(random), text(random)));
      }
      List<Object> maps = new ArrayList<>();
      actions.forEach(a -> maps.add(DecisionJson.toMap(a)));
      List<Object> droppedMaps = new ArrayList<>();
      for (Decision.Dropped d : dropped) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proposal", d.proposal());
        m.put("reason", d.reason());
        droppedMaps.add(m);
      }
      assertThat(DecisionJson.actions(actions)).isEqualTo(MOSHI.toJson(maps));
      assertThat(DecisionJson.dropped(dropped)).isEqualTo(MOSHI.toJson(droppedMaps));
    }
  }

  @Test
  void everyCharacterIsEscapedAsMoshiEscapesIt() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String s = "a" + (char) c + "b";
      StringBuilder sb = new StringBuilder();
      DecisionJson.string(sb, s);
      assertThat(sb.toString()).as("U+%04X", c).isEqualTo(MOSHI.toJson(s));
    }
    String pair = "x\uD83D\uDE00y\uDE00\uD83Dz";
    StringBuilder sb = new StringBuilder();
    DecisionJson.string(sb, pair);
    assertThat(sb.toString()).isEqualTo(MOSHI.toJson(pair));
  }

  private static Action.Open open(Random random) {
    BigDecimal size = decimal(random).min(BigDecimal.ONE);
    return new Action.Open(symbol(random), Side.BUY, size, random.nextBoolean() ? OrderType.LIMIT : OrderType.MARKET,
        random.nextBoolean() ? null : decimal(random), random.nextBoolean() ? null : decimal(random),
        random.nextBoolean() ? null : decimal(random), maybe(random));
  }

  private static BigDecimal decimal(Random random) {
    return BigDecimal.valueOf(1 + random.nextInt(1_000_000), random.nextInt(12) - 2);
  }

  private static String symbol(Random random) {
    return random.nextInt(10) == 0 ? text(random) : "S" + random.nextInt(50) + "USDT";
  }

  private static String maybe(Random random) {
    return random.nextInt(5) == 0 ? null : text(random);
  }

  /** Mostly printable ASCII, with quotes, backslashes, controls, line separators, emoji and broken surrogates. */
  private static String text(Random random) {
    char[] special = {'"', '\\', '\n', '\t', '\r', '\b', '\f', 0, 0x1f, 0x7f, '\u2028', '\u2029', '\u00e9', '\uD83D',
        '\uDE00', '<', '&', '\''};
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(30); i > 0; i--) {
      int r = random.nextInt(10);
      if (r < 7) {
        sb.append((char) (0x20 + random.nextInt(0x5f)));
      } else if (r < 9) {
        sb.append(special[random.nextInt(special.length)]);
      } else {
        sb.appendCodePoint(0x1F600 + random.nextInt(50));
      }
    }
    return sb.toString();
  }
}
