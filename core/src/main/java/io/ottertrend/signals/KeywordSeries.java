package io.ottertrend.signals;

import java.util.List;
import java.util.Objects;

/**
 * Interest over time of one keyword.
 *
 * @param keyword the search term
 * @param points buckets, oldest first
 * @param slope least-squares slope of the complete (non-partial) buckets, in interest points per bucket
 *     ({@code 0} with fewer than two complete buckets)
 */
public record KeywordSeries(String keyword, List<TrendPoint> points, double slope) {

  public KeywordSeries {
    Objects.requireNonNull(keyword, "keyword");
    points = List.copyOf(points);
  }

  /** A series with its slope computed from its points. */
  public static KeywordSeries of(String keyword, List<TrendPoint> points) {
    return new KeywordSeries(keyword, points, slopeOf(points));
  }

  /** Least-squares slope of the values of the non-partial points against their index. */
  public static double slopeOf(List<TrendPoint> points) {
    int n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (TrendPoint p : points) {
      if (p.partial()) {
        continue; // an incomplete bucket reads low and would bend every slope down
      }
      double x = n++;
      sx += x;
      sy += p.value();
      sxx += x * x;
      sxy += x * p.value();
    }
    if (n < 2) {
      return 0;
    }
    double den = n * sxx - sx * sx;
    return den == 0 ? 0 : (n * sxy - sx * sy) / den;
  }

  /** Value of the last complete bucket, or of the last bucket when all are partial; {@code 0} when empty. */
  public int latest() {
    for (int i = points.size() - 1; i >= 0; i--) {
      if (!points.get(i).partial()) {
        return points.get(i).value();
      }
    }
    return points.isEmpty() ? 0 : points.getLast().value();
  }
}
