package io.ottertrend.backtest;

import java.util.List;
import java.util.Map;

/**
 * Everything a backtest produced. Immutable; the arrays are the result's own copies and must not be modified.
 *
 * @param summary headline metrics
 * @param fingerprint sha256 (hex) over every fill in execution order: equal inputs give equal fingerprints
 * @param runId the run's id in the (scratch) journal
 * @param from first simulated time, epoch ms
 * @param to last simulated time, epoch ms
 * @param interval bar interval name, e.g. {@code 5m}
 * @param brain the brain's name
 * @param cycles agent cycles run (one per bar)
 * @param barSteps cycles × symbols in the universe: the throughput unit
 * @param symbols symbols traded in the market
 * @param times time of each equity point, epoch ms
 * @param equity equity after each cycle, quote
 * @param baseline price of the baseline pair (BTC) at each equity point, NaN when unknown
 * @param baselineSymbol the baseline pair, or null when the market has none
 * @param trades closed round trips, by exit time
 * @param fills every fill, in execution order
 * @param parameters the settings overridden for this run (sweeps), in order
 * @param warnings things a reader must know (e.g. a window before the LLM's training cut-off)
 * @param elapsedMillis wall time of the simulation
 * @param focus closes of the most-traded pair over the window, for the trades-on-price chart (may be empty)
 */
public record BacktestResult(BacktestSummary summary, String fingerprint, long runId, long from, long to,
    String interval, String brain, long cycles, long barSteps, List<String> symbols, long[] times, double[] equity,
    double[] baseline, String baselineSymbol, List<RoundTrip> trades, List<FillLine> fills,
    Map<String, String> parameters, List<String> warnings, long elapsedMillis, PriceSeries focus) {

  public BacktestResult {
    symbols = List.copyOf(symbols);
    trades = List.copyOf(trades);
    fills = List.copyOf(fills);
    parameters = Map.copyOf(parameters);
    warnings = List.copyOf(warnings);
  }

  /**
   * One fill as plain numbers for reports.
   *
   * @param time epoch ms
   * @param symbol pair
   * @param side BUY or SELL
   * @param price fill price
   * @param quantity base quantity
   * @param feeQuote fee converted to quote
   * @param purpose order purpose (ENTRY, EXIT, STOP_LOSS, …) or empty
   */
  public record FillLine(long time, String symbol, String side, double price, double quantity, double feeQuote,
      String purpose) {}

  /**
   * Closes of one pair.
   *
   * @param symbol pair, or empty when there were no fills
   * @param times open time of each bar, epoch ms
   * @param closes close of each bar
   */
  public record PriceSeries(String symbol, long[] times, double[] closes) {
    public static PriceSeries empty() {
      return new PriceSeries("", new long[0], new double[0]);
    }
  }

  /** Bar-steps per second of wall time. */
  public double barStepsPerSecond() {
    return elapsedMillis <= 0 ? Double.NaN : barSteps * 1000.0 / elapsedMillis;
  }
}
