package io.ottertrend.backtest;

import io.ottertrend.model.Fill;
import io.ottertrend.model.Side;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/** The arithmetic of a backtest's outcome, on plain {@code double[]}. Stateless; thread-safe. */
final class Metrics {
  static final long DAY = 86_400_000L;
  static final int BOOTSTRAP_SAMPLES = 2_000;

  private Metrics() {}

  /** sha256 over every fill (symbol, side, price, quantity, time), in execution order. */
  static String fingerprint(List<Fill> fills) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Fill f : fills) {
        sha.update((f.symbol() + "|" + f.side() + "|" + f.price().toPlainString() + "|"
            + f.quantity().toPlainString() + "|" + f.time() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  /** Fills as plain numbers, the fee converted to quote (a base-asset fee at the fill price). */
  static List<BacktestResult.FillLine> fillLines(List<Fill> fills, Map<String, String> purposes, String quote) {
    List<BacktestResult.FillLine> out = new ArrayList<>(fills.size());
    for (Fill f : fills) {
      double price = f.price().doubleValue();
      double fee = f.commission().doubleValue();
      if (!f.commissionAsset().equals(quote) && !f.commissionAsset().isEmpty()) {
        fee = f.symbol().startsWith(f.commissionAsset()) ? fee * price : 0;
      }
      String purpose = f.clientOrderId() == null ? "" : purposes.getOrDefault(f.clientOrderId(), "");
      double qty = f.quantity().doubleValue();
      // A fee taken in the base asset reduces what was received: track the net quantity held.
      if (f.side() == Side.BUY && f.symbol().startsWith(f.commissionAsset()) && !f.commissionAsset().isEmpty()
          && !f.commissionAsset().equals(quote)) {
        qty -= f.commission().doubleValue();
      }
      out.add(new BacktestResult.FillLine(f.time(), f.symbol(), f.side().name(), price, qty, fee, purpose));
    }
    return out;
  }

  /** Average-cost round trips: every sell order closes (part of) a position bought before it. */
  static List<RoundTrip> roundTrips(List<BacktestResult.FillLine> fills) {
    final class Book {
      double qty;
      double cost; // quote paid including buy fees
      double timeQty; // sum of time × qty of the held lots
    }
    Map<String, Book> books = new HashMap<>();
    List<RoundTrip> out = new ArrayList<>();
    for (BacktestResult.FillLine f : fills) {
      Book b = books.computeIfAbsent(f.symbol(), k -> new Book());
      if (f.side().equals("BUY")) {
        b.qty += f.quantity();
        b.cost += f.price() * f.quantity() + f.feeQuote();
        b.timeQty += (double) f.time() * f.quantity();
        continue;
      }
      if (b.qty <= 0) {
        continue; // selling what was not bought in this run: not a trade of the strategy
      }
      double q = Math.min(f.quantity(), b.qty);
      double avg = b.cost / b.qty;
      double entryTime = b.timeQty / b.qty;
      double proceeds = f.price() * q - f.feeQuote();
      double costPart = avg * q;
      out.add(new RoundTrip(f.symbol(), (long) entryTime, f.time(), q, avg, f.price(), proceeds - costPart,
          f.feeQuote(), f.purpose()));
      double left = b.qty - q;
      b.cost = left <= 1e-12 ? 0 : b.cost * left / b.qty;
      b.timeQty = left <= 1e-12 ? 0 : b.timeQty * left / b.qty;
      b.qty = left <= 1e-12 ? 0 : left;
    }
    return out;
  }

  /** Equity at the end of each UTC day (the last point of the day), with the first point as day 0's start. */
  static double[] dailyReturns(long[] times, double[] equity) {
    if (equity.length < 2) {
      return new double[0];
    }
    List<Double> closes = new ArrayList<>();
    closes.add(equity[0]);
    long day = Math.floorDiv(times[0], DAY);
    double last = equity[0];
    for (int i = 1; i < equity.length; i++) {
      long d = Math.floorDiv(times[i], DAY);
      if (d != day) {
        closes.add(last);
        day = d;
      }
      last = equity[i];
    }
    closes.add(last);
    double[] r = new double[closes.size() - 1];
    for (int i = 1; i < closes.size(); i++) {
      double prev = closes.get(i - 1);
      r[i - 1] = prev > 0 ? closes.get(i) / prev - 1 : 0;
    }
    return r;
  }

  static double mean(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static double stdev(double[] x) {
    if (x.length < 2) {
      return Double.NaN;
    }
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  static double sharpe(double[] daily) {
    double sd = stdev(daily);
    return sd > 0 ? mean(daily) / sd * Math.sqrt(365) : Double.NaN;
  }

  static double sortino(double[] daily) {
    if (daily.length < 2) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : daily) {
      s += v < 0 ? v * v : 0;
    }
    double dd = Math.sqrt(s / daily.length);
    return dd > 0 ? mean(daily) / dd * Math.sqrt(365) : Double.NaN;
  }

  /** {max drawdown fraction, longest underwater duration in ms}. */
  static double[] drawdown(long[] times, double[] equity) {
    double peak = Double.NEGATIVE_INFINITY;
    long peakTime = times.length == 0 ? 0 : times[0];
    double worst = 0;
    long longest = 0;
    for (int i = 0; i < equity.length; i++) {
      if (equity[i] >= peak) {
        peak = equity[i];
        peakTime = times[i];
      } else {
        worst = Math.max(worst, 1 - equity[i] / peak);
        longest = Math.max(longest, times[i] - peakTime);
      }
    }
    return new double[] {worst, longest};
  }

  /** Drawdown series (0 at a peak, negative below). */
  static double[] drawdownSeries(double[] equity) {
    double[] out = new double[equity.length];
    double peak = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < equity.length; i++) {
      peak = Math.max(peak, equity[i]);
      out[i] = peak > 0 ? equity[i] / peak - 1 : 0;
    }
    return out;
  }

  /** Seeded percentile bootstrap of the mean: {low, high} of the 95 % interval. */
  static double[] bootstrapMean(double[] x, long seed) {
    if (x.length < 2) {
      return new double[] {Double.NaN, Double.NaN};
    }
    RandomGenerator rng = new Well19937c(seed);
    double[] means = new double[BOOTSTRAP_SAMPLES];
    for (int k = 0; k < means.length; k++) {
      double s = 0;
      for (int i = 0; i < x.length; i++) {
        s += x[rng.nextInt(x.length)];
      }
      means[k] = s / x.length;
    }
    Percentile p = new Percentile();
    p.setData(means);
    return new double[] {p.evaluate(2.5), p.evaluate(97.5)};
  }

  static BacktestSummary summarise(long[] times, double[] equity, double[] exposure, double[] baseline,
      List<RoundTrip> trips, List<BacktestResult.FillLine> fills, long seed, double target) {
    double start = equity.length == 0 ? Double.NaN : equity[0];
    double end = equity.length == 0 ? Double.NaN : equity[equity.length - 1];
    double total = start > 0 ? end / start - 1 : Double.NaN;
    double[] daily = dailyReturns(times, equity);
    double years = times.length < 2 ? 0 : (times[times.length - 1] - times[0]) / (365.0 * DAY);
    double cagr = years > 0 && start > 0 && end > 0 ? Math.pow(end / start, 1 / years) - 1 : Double.NaN;
    double[] dd = drawdown(times, equity);
    int wins = 0;
    double gain = 0;
    double loss = 0;
    long hold = 0;
    for (RoundTrip t : trips) {
      if (t.pnl() > 0) {
        wins++;
        gain += t.pnl();
      } else {
        loss -= t.pnl();
      }
      hold += t.holdMillis();
    }
    double fees = 0;
    for (BacktestResult.FillLine f : fills) {
      fees += f.feeQuote();
    }
    double pf = trips.isEmpty() ? Double.NaN : loss > 0 ? gain / loss : Double.POSITIVE_INFINITY;
    double buyHold = Double.NaN;
    double firstBase = firstFinite(baseline, false);
    double lastBase = firstFinite(baseline, true);
    if (firstBase > 0 && Double.isFinite(lastBase)) {
      buyHold = lastBase / firstBase - 1;
    }
    double[] ci = bootstrapMean(daily, seed);
    return new BacktestSummary(start, end, total, mean(daily), cagr, sharpe(daily), sortino(daily), dd[0],
        (long) dd[1], trips.size(), trips.isEmpty() ? Double.NaN : (double) wins / trips.size(), pf,
        trips.isEmpty() ? 0 : hold / trips.size(), fees, mean(exposure), buyHold, ci[0], ci[1], target);
  }

  private static double firstFinite(double[] x, boolean fromEnd) {
    for (int k = 0; k < x.length; k++) {
      double v = x[fromEnd ? x.length - 1 - k : k];
      if (Double.isFinite(v)) {
        return v;
      }
    }
    return Double.NaN;
  }

  /** Histogram of {@code x} in {@code bins} equal bins: {edges[bins+1], counts[bins]} flattened as two arrays. */
  static double[][] histogram(double[] x, int bins) {
    double lo = Arrays.stream(x).min().orElse(0);
    double hi = Arrays.stream(x).max().orElse(0);
    if (hi <= lo) {
      hi = lo + 1e-9;
    }
    double[] edges = new double[bins + 1];
    double[] counts = new double[bins];
    for (int i = 0; i <= bins; i++) {
      edges[i] = lo + (hi - lo) * i / bins;
    }
    for (double v : x) {
      int i = (int) Math.min(bins - 1, Math.floor((v - lo) / (hi - lo) * bins));
      counts[i]++;
    }
    return new double[][] {edges, counts};
  }
}
