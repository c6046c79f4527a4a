package io.ottertrend.market;

import io.ottertrend.data.BarSeries;
import io.ottertrend.data.BarStore;
import io.ottertrend.model.Interval;
import io.ottertrend.model.SymbolRules;
import io.ottertrend.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A market replaying stored bars (for backtests): at clock time {@code t} it shows the bars that closed at or
 * before {@code t}; klines are served at the stored interval and coarser; books are synthesised around the
 * last close with a fixed relative spread and a depth proportional to the average traded value per bar.
 * Resting limit orders filled against it are conservative: a bar's range counts only once the bar is
 * complete and only when it began at or after the order's last check, and the paper exchange requires the
 * price to trade <i>through</i> the limit.
 *
 * <p>Symbol rules are derived from the first close (about six significant digits of price). Bars are loaded
 * once, at construction, with their {@link BarAggregates} (56 bytes per bar) for O(1) 24 h statistics.
 * <b>Thread-safety:</b> immutable after construction; safe for concurrent use.
 */
public final class HistoricalMarket extends BarMarket {
  private final List<BarSeries> series;
  private final List<SymbolRules> rules;
  private final List<BookShape> shapes;
  private final BarAggregates[] aggregates;

  private HistoricalMarket(Clock clock, Interval interval, List<String> symbols, List<BarSeries> series,
      String quote, double spread) {
    super(clock, 17, interval.millis(), symbols);
    this.series = List.copyOf(series);
    this.rules = new ArrayList<>();
    this.shapes = new ArrayList<>();
    this.aggregates = new BarAggregates[symbols.size()];
    int blockSize = BarAggregates.blockSizeFor(86_400_000L, interval.millis());
    for (int i = 0; i < symbols.size(); i++) {
      BarSeries s = series.get(i);
      String sym = symbols.get(i);
      String base = sym.endsWith(quote) && sym.length() > quote.length()
          ? sym.substring(0, sym.length() - quote.length()) : sym;
      double price = s.isEmpty() ? 1 : s.close(0);
      rules.add(SymbolProfile.rulesFor(base, quote, price).build());
      double quotePerBar = 0;
      for (int k = 0; k < s.size(); k++) {
        quotePerBar += s.quoteVolume(k);
      }
      quotePerBar = s.isEmpty() ? 1000 : quotePerBar / s.size();
      shapes.add(new BookShape(spread, spread / 4, Math.max(10, quotePerBar / 10), 100));
      aggregates[i] = aggregatesOf(s, blockSize);
    }
  }

  private static BarAggregates aggregatesOf(BarSeries s, int blockSize) {
    BarAggregates a = new BarAggregates(0, blockSize, s.size());
    for (int k = 0; k < s.size(); k++) {
      a.append(s.high(k), s.low(k), s.close(k), s.volume(k));
    }
    return a;
  }

  /**
   * Loads {@code symbols} (every stored symbol of {@code interval} when empty) from {@code store}.
   *
   * @param spreadFraction relative bid/ask spread of the synthesised books, e.g. {@code 0.001}
   */
  public static HistoricalMarket load(BarStore store, Interval interval, List<String> symbols, Clock clock,
      String quoteAsset, double spreadFraction) {
    Objects.requireNonNull(clock, "clock");
    List<String> names = new ArrayList<>(symbols);
    if (names.isEmpty()) {
      for (BarStore.SeriesInfo info : store.list()) {
        if (info.interval() == interval) {
          names.add(info.symbol());
        }
      }
    }
    List<BarSeries> loaded = new ArrayList<>();
    for (String s : names) {
      loaded.add(store.load(s, interval));
    }
    return new HistoricalMarket(clock, interval, names, loaded, quoteAsset, spreadFraction);
  }

  @Override
  public String id() {
    return "history";
  }

  @Override
  int symbolCount() {
    return series.size();
  }

  @Override
  SymbolRules rules(int s) {
    return rules.get(s);
  }

  @Override
  BookShape shape(int s) {
    return shapes.get(s);
  }

  @Override
  Bars bars(int s, long now) {
    BarSeries b = series.get(s);
    BarAggregates a = aggregates[s];
    int completed = b.lowerBound(now - stepMillis + 1);
    return new Bars() {
      @Override
      public int first() {
        return 0;
      }

      @Override
      public int completed() {
        return completed;
      }

      @Override
      public long openTime(int i) {
        return b.openTime(i);
      }

      @Override
      public double open(int i) {
        return b.open(i);
      }

      @Override
      public double high(int i) {
        return b.high(i);
      }

      @Override
      public double low(int i) {
        return b.low(i);
      }

      @Override
      public double close(int i) {
        return b.close(i);
      }

      @Override
      public double volume(int i) {
        return b.volume(i);
      }

      @Override
      public BarAggregates aggregates() {
        return a;
      }
    };
  }
}
