package io.ottertrend.data;

import io.ottertrend.market.SyntheticMarket;
import io.ottertrend.model.Interval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes synthetic history into a {@link BarStore} with {@link SyntheticMarket#generateHistory}: the engine of
 * {@code ottertrend data synth}. The same seed, sizes and end time give the same bars. Stateless.
 */
public final class SyntheticHistory {
  private SyntheticHistory() {}

  /** One symbol written. */
  public record Written(String symbol, int bars, int index, int total) {}

  /**
   * Generates {@code days} of {@code interval} bars for {@code symbols} pairs ending at {@code end}.
   *
   * @param replace delete existing series of the same symbols and interval first (else refuse to mix)
   * @return the symbols written
   * @throws DataException when a series exists and {@code replace} is false
   */
  public static List<Written> write(BarStore store, long seed, int symbols, int days, Interval interval, long end,
      boolean replace, Consumer<Written> progress) {
    if (interval == Interval.W1 || interval == Interval.MN1) {
      throw new DataException("synthetic history is generated at 1m to 1d; got " + interval.wireName());
    }
    if (days < 1 || days > 3660) {
      throw new DataException("days must be 1..3660: " + days);
    }
    long steps = days * 86_400_000L / interval.millis();
    List<Written> out = new ArrayList<>();
    for (String symbol : SyntheticMarket.symbolNames(seed, symbols, "USDT")) {
      if (store.info(symbol, interval).isPresent()) {
        if (!replace) {
          throw new DataException(symbol + " " + interval.wireName() + " already exists in " + store.root()
              + "; pass --replace to regenerate the synthetic set");
        }
      }
    }
    SyntheticMarket.generateHistory(seed, symbols, "USDT", end, Duration.ofMillis(interval.millis()), (int) steps,
        (rules, t, o, h, l, c, v) -> {
          String symbol = rules.symbol();
          if (replace) {
            store.delete(symbol, interval);
          }
          float[] vol = new float[v.length];
          float[] quote = new float[v.length];
          for (int i = 0; i < v.length; i++) {
            vol[i] = (float) v[i];
            quote[i] = (float) (v[i] * (h[i] + l[i] + c[i]) / 3);
          }
          store.append(symbol, interval, BarSeries.of(t, o, h, l, c, vol, quote));
          Written w = new Written(symbol, t.length, out.size() + 1, symbols);
          out.add(w);
          progress.accept(w);
        });
    return out;
  }
}
