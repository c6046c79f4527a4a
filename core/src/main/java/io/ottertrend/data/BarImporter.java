package io.ottertrend.data;

import io.ottertrend.market.Buckets;
import io.ottertrend.model.Interval;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Imports kline files into a {@link BarStore}: Binance and MEXC kline CSV (6, 8 or 12 columns: open time, open,
 * high, low, close, volume[, close time, quote volume[, trades, taker base, taker quote, ignore]], optional
 * header line; open times in milliseconds or, as in Binance files since 2025, microseconds) and freqtrade JSON
 * ({@code [[ms, open, high, low, close, volume], …]}).
 *
 * <p>The whole file is parsed and checked before anything is written: wrong column counts, numbers that do
 * not parse, NaN or infinite values, inconsistent OHLC, unsorted or duplicate timestamps, timestamps off the
 * interval grid and truncated files are refused with the file name and line number, and the store is left as
 * it was. Bars not newer than what is already stored are skipped (re-importing a file is harmless).
 *
 * <p>Stateless and thread-safe.
 */
public final class BarImporter {
  private BarImporter() {}

  /**
   * What an import did.
   *
   * @param read bars read from the file
   * @param appended bars newer than the store's and therefore appended
   * @param skipped bars already covered by the store
   */
  public record Result(Path file, String symbol, Interval interval, String format, int read, int appended,
      int skipped) {}

  /**
   * Imports one file.
   *
   * @param symbol the symbol, or {@code null} to take it from a file name like {@code BTCUSDT-5m-2025-01.csv}
   *     or {@code BTC_USDT-5m.json}
   * @param interval the interval, or {@code null} to take it from the file name
   */
  public static Result importFile(BarStore store, Path file, String symbol, Interval interval) {
    String name = file.getFileName().toString();
    String sym = symbol != null ? symbol.toUpperCase(Locale.ROOT) : symbolFromName(name);
    Interval iv = interval != null ? interval : intervalFromName(name);
    if (sym == null || iv == null) {
      throw new DataException(file + ": cannot tell the " + (sym == null ? "symbol" : "interval")
          + " from the file name; name it like BTCUSDT-5m.csv or pass --symbol and --interval");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json") || text.stripLeading().startsWith("[");
    BarSeries bars = json ? parseJson(file, text, iv) : parseCsv(file, text, iv);
    long after = store.lastOpenTime(sym, iv).orElse(Long.MIN_VALUE);
    int first = bars.lowerBound(after == Long.MIN_VALUE ? Long.MIN_VALUE : after + 1);
    BarSeries fresh = first == 0 ? bars : bars.slice(first, bars.size());
    int appended = store.append(sym, iv, fresh);
    return new Result(file, sym, iv, json ? "freqtrade-json" : "kline-csv", bars.size(), appended, first);
  }

  static String symbolFromName(String name) {
    String base = name.replaceFirst("\\.[A-Za-z]+$", "");
    String[] parts = base.split("-");
    String s = parts[0].replace("_", "").replace("/", "").toUpperCase(Locale.ROOT);
    return s.matches("[A-Z0-9]{2,40}") ? s : null;
  }

  static Interval intervalFromName(String name) {
    String[] parts = name.replaceFirst("\\.[A-Za-z]+$", "").split("-");
    if (parts.length < 2) {
      return null;
    }
    try {
      return Interval.parse(parts[1]);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // --- CSV -------------------------------------------------------------------------------------------------

  static BarSeries parseCsv(Path file, String text, Interval interval) {
    String[] lines = text.split("\r?\n", -1);
    int last = lines.length;
    while (last > 0 && lines[last - 1].isBlank()) {
      last--;
    }
    if (last == 0) {
      throw new DataException(file + ": the file is empty");
    }
    BarSeries.Builder out = new BarSeries.Builder(last);
    int columns = -1;
    RowChecker check = new RowChecker(file, interval);
    for (int i = 0; i < last; i++) {
      int lineNo = i + 1;
      String line = lines[i];
      if (line.isBlank()) {
        throw new DataException(file + " line " + lineNo + ": empty line inside the data");
      }
      String[] f = line.split(",", -1);
      if (i == 0 && !f[0].strip().isEmpty() && !Character.isDigit(f[0].strip().charAt(0))) {
        continue; // header
      }
      if (columns < 0) {
        columns = f.length;
        if (columns != 6 && columns != 8 && columns != 12) {
          throw new DataException(file + " line " + lineNo + ": expected 6, 8 or 12 columns (open time, open, high, "
              + "low, close, volume, ...), found " + columns);
        }
      } else if (f.length != columns) {
        throw new DataException(file + " line " + lineNo + ": expected " + columns + " columns like the lines "
            + "before, found " + f.length + (i == last - 1 ? " (truncated file?)" : ""));
      }
      long t = check.time(lineNo, f[0]);
      double o = check.number(lineNo, f[1], "open");
      double h = check.number(lineNo, f[2], "high");
      double l = check.number(lineNo, f[3], "low");
      double c = check.number(lineNo, f[4], "close");
      double v = check.number(lineNo, f[5], "volume");
      double q = columns >= 8 ? check.number(lineNo, f[7], "quote volume") : v * (h + l + c) / 3;
      check.bar(lineNo, t, o, h, l, c, v);
      out.add(t, o, h, l, c, v, q);
    }
    if (out.size() == 0) {
      throw new DataException(file + ": no bars after the header");
    }
    return out.build();
  }

  // --- freqtrade JSON ----------------------------------------------------------------------------------------

  static BarSeries parseJson(Path file, String text, Interval interval) {
    JsonCursor in = new JsonCursor(file, text);
    RowChecker check = new RowChecker(file, interval);
    BarSeries.Builder out = new BarSeries.Builder(1024);
    in.expect('[');
    if (in.peek() == ']') {
      throw new DataException(file + ": the file holds no bars");
    }
    while (true) {
      in.expect('[');
      int line = in.line;
      String[] f = new String[6];
      for (int k = 0; k < 6; k++) {
        f[k] = in.number();
        if (k < 5) {
          if (in.peek() == ']') {
            throw new DataException(file + " line " + in.line + ": bar " + (out.size() + 1)
                + " has " + (k + 1) + " values, expected 6 [ms, open, high, low, close, volume]");
          }
          in.expect(',');
        }
      }
      if (in.peek() == ',') {
        throw new DataException(file + " line " + in.line + ": bar " + (out.size() + 1)
            + " has more than 6 values, expected [ms, open, high, low, close, volume]");
      }
      in.expect(']');
      long t = check.time(line, f[0]);
      double o = check.number(line, f[1], "open");
      double h = check.number(line, f[2], "high");
      double l = check.number(line, f[3], "low");
      double c = check.number(line, f[4], "close");
      double v = check.number(line, f[5], "volume");
      check.bar(line, t, o, h, l, c, v);
      out.add(t, o, h, l, c, v, v * (h + l + c) / 3);
      char next = in.peek();
      if (next == ',') {
        in.expect(',');
        continue;
      }
      in.expect(']');
      break;
    }
    in.end();
    return out.build();
  }

  /** A minimal JSON cursor for arrays of numbers that knows its line. */
  private static final class JsonCursor {
    private final Path file;
    private final String s;
    private int pos;
    int line = 1;

    JsonCursor(Path file, String s) {
      this.file = file;
      this.s = s;
    }

    private void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        if (s.charAt(pos) == '\n') {
          line++;
        }
        pos++;
      }
    }

    char peek() {
      skipSpace();
      if (pos >= s.length()) {
        throw new DataException(file + " line " + line + ": unexpected end of file (truncated?)");
      }
      return s.charAt(pos);
    }

    void expect(char c) {
      char got = peek();
      if (got != c) {
        throw new DataException(file + " line " + line + ": expected '" + c + "' but found '" + got + "'");
      }
      pos++;
    }

    String number() {
      peek();
      int start = pos;
      while (pos < s.length() && ",] \t\r\n".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
      if (pos == start) {
        throw new DataException(file + " line " + line + ": expected a number");
      }
      return s.substring(start, pos);
    }

    void end() {
      skipSpace();
      if (pos < s.length()) {
        throw new DataException(file + " line " + line + ": unexpected text after the closing ']'");
      }
    }
  }

  /** Shared row checks: numbers, OHLC consistency, order, grid. */
  private static final class RowChecker {
    private final Path file;
    private final Interval interval;
    private long prev = Long.MIN_VALUE;

    RowChecker(Path file, Interval interval) {
      this.file = file;
      this.interval = interval;
    }

    long time(int line, String text) {
      long t;
      try {
        t = Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        double d = number(line, text, "open time");
        if (d != Math.rint(d)) {
          throw new DataException(file + " line " + line + ": open time '" + text.strip() + "' is not an integer");
        }
        t = (long) d;
      }
      if (t >= 100_000_000_000_000L) {
        t /= 1000; // Binance spot files switched to microseconds in 2025
      }
      if (t < 100_000_000_000L) {
        throw new DataException(file + " line " + line + ": open time " + t
            + " looks like seconds; expected epoch milliseconds");
      }
      return t;
    }

    double number(int line, String text, String what) {
      String v = text.strip();
      if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
        v = v.substring(1, v.length() - 1);
      }
      double d;
      try {
        d = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new DataException(file + " line " + line + ": " + what + " '" + text.strip() + "' is not a number");
      }
      if (!Double.isFinite(d)) {
        throw new DataException(file + " line " + line + ": " + what + " is " + v + "; every value must be finite");
      }
      return d;
    }

    void bar(int line, long t, double o, double h, double l, double c, double v) {
      if (o <= 0 || h <= 0 || l <= 0 || c <= 0 || v < 0) {
        throw new DataException(file + " line " + line + ": prices must be > 0 and volume >= 0");
      }
      if (h < Math.max(o, Math.max(c, l)) || l > Math.min(o, c)) {
        throw new DataException(file + " line " + line + ": high/low do not enclose open and close (o=" + o
            + " h=" + h + " l=" + l + " c=" + c + ")");
      }
      if (t == prev) {
        throw new DataException(file + " line " + line + ": duplicate timestamp " + t);
      }
      if (t < prev) {
        throw new DataException(file + " line " + line + ": timestamps are not sorted (" + t + " after " + prev + ")");
      }
      if (Buckets.start(interval, t) != t) {
        throw new DataException(file + " line " + line + ": open time " + t + " is not on the "
            + interval.wireName() + " grid; is the interval right?");
      }
      prev = t;
    }
  }

  /** Lists the formats understood, for help texts. */
  public static List<String> formats() {
    return List.of("Binance/MEXC kline CSV (6, 8 or 12 columns, optional header)",
        "freqtrade JSON [[ms, open, high, low, close, volume], ...]");
  }
}
