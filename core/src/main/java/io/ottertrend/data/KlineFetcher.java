package io.ottertrend.data;

import io.ottertrend.exchange.Exchange;
import io.ottertrend.exchange.ExchangeException;
import io.ottertrend.market.Buckets;
import io.ottertrend.model.Candle;
import io.ottertrend.model.Interval;
import io.ottertrend.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Downloads klines page by page ({@link Exchange#klines}, up to 1,000 bars a request) into a {@link BarStore}.
 *
 * <p>Each page is committed before the next is requested, so an interrupted fetch loses at most one page and
 * the next run resumes after the last committed bar. Requests are spaced at least {@code minRequestInterval}
 * apart on the given {@link Clock}; a {@link ExchangeException.RateLimited} answer waits as told and retries
 * the same page, transient failures are retried a few times with back-off. Only closed bars (open time +
 * interval at or before the exchange's time) are stored. Holes in the exchange's data are reported as gaps.
 *
 * <p>Not thread-safe: use one fetcher per thread. <b>Errors:</b> {@link ExchangeException} when the exchange
 * keeps failing (what was committed stays), {@link DataException} from the store, {@link InterruptedException}
 * when interrupted while waiting.
 */
public final class KlineFetcher {
  private final Exchange exchange;
  private final BarStore store;
  private final Clock clock;
  private final Duration minInterval;
  private final int pageLimit;
  private final Consumer<Progress> progress;
  private long lastRequest = Long.MIN_VALUE;

  /**
   * Progress of one symbol's fetch.
   *
   * @param position open time reached so far
   * @param from start of the requested range
   * @param to end of the requested range
   * @param barsStored bars committed by this fetch so far
   */
  public record Progress(String symbol, Interval interval, long position, long from, long to, long barsStored) {
    /** Fraction of the range done, 0 to 1. */
    public double fraction() {
      return to <= from ? 1 : Math.max(0, Math.min(1, (double) (position - from) / (to - from)));
    }
  }

  /**
   * The outcome of one symbol's fetch.
   *
   * @param resumedFrom open time the fetch started at (after the last stored bar when resuming)
   * @param stored bars committed by this fetch
   * @param gaps holes found in the exchange's data within the range
   */
  public record Result(String symbol, Interval interval, long resumedFrom, long stored, List<BarStore.Gap> gaps,
      int requests) {}

  private KlineFetcher(Builder b) {
    this.exchange = b.exchange;
    this.store = b.store;
    this.clock = b.clock;
    this.minInterval = b.minInterval;
    this.pageLimit = b.pageLimit;
    this.progress = b.progress;
  }

  public static Builder builder(Exchange exchange, BarStore store) {
    return new Builder(exchange, store);
  }

  /**
   * Fetches {@code [from, to]} (open times, epoch ms) of one symbol, resuming after the last stored bar.
   *
   * @param to inclusive end, or {@code null} for "up to the exchange's current time"
   */
  public Result fetch(String symbol, Interval interval, long from, Long to) throws InterruptedException {
    long now = exchange.serverTime();
    long lastClosed = Buckets.previous(interval, Buckets.start(interval, now));
    long end = to == null ? lastClosed : Math.min(to, lastClosed);
    long start = Buckets.ceil(interval, from);
    long resume = store.lastOpenTime(symbol, interval).map(t -> Buckets.next(interval, t)).orElse(start);
    long cursor = Math.max(start, resume);
    long stored = 0;
    int requests = 0;
    List<BarStore.Gap> gaps = new ArrayList<>();
    long expected = cursor;
    progress.accept(new Progress(symbol, interval, cursor, start, end, 0));
    while (cursor <= end) {
      long pageEnd = Math.min(end, cursor + pageLimit * interval.millis() - 1);
      List<Candle> page = request(symbol, interval, cursor, pageEnd);
      requests++;
      BarSeries.Builder bars = new BarSeries.Builder(page.size());
      long last = Long.MIN_VALUE;
      for (Candle c : page) {
        if (c.openTime() < cursor || c.openTime() > end || c.openTime() <= last
            || Buckets.next(interval, c.openTime()) > now) {
          continue; // outside the page, duplicated, or still forming
        }
        if (c.openTime() > expected) {
          gaps.add(new BarStore.Gap(expected, c.openTime(), BarStore.missingBetween(interval,
              Buckets.previous(interval, expected), c.openTime())));
        }
        bars.add(c);
        last = c.openTime();
        expected = Buckets.next(interval, last);
      }
      if (bars.size() > 0) {
        stored += store.append(symbol, interval, bars.build());
        cursor = expected;
      } else {
        cursor = Buckets.ceil(interval, pageEnd + 1);
      }
      progress.accept(new Progress(symbol, interval, Math.min(cursor, end), start, end, stored));
      if (page.isEmpty() && pageEnd >= Buckets.previous(interval, now)) {
        break;
      }
    }
    long tail = end;
    if (expected <= tail) {
      gaps.add(new BarStore.Gap(expected, Buckets.next(interval, tail),
          BarStore.missingBetween(interval, Buckets.previous(interval, expected), Buckets.next(interval, tail))));
    }
    return new Result(symbol, interval, Math.max(start, resume), stored, gaps, requests);
  }

  private List<Candle> request(String symbol, Interval interval, long from, long to) throws InterruptedException {
    int failures = 0;
    while (true) {
      if (lastRequest != Long.MIN_VALUE) {
        long wait = lastRequest + minInterval.toMillis() - clock.millis();
        if (wait > 0) {
          clock.sleep(Duration.ofMillis(wait));
        }
      }
      lastRequest = clock.millis();
      try {
        return exchange.klines(symbol, interval, from, to, pageLimit);
      } catch (ExchangeException.RateLimited e) {
        if (++failures > 5) {
          throw e;
        }
        clock.sleep(e.retryAfter().isZero() ? Duration.ofSeconds(1) : e.retryAfter());
      } catch (ExchangeException e) {
        if (!e.isTransient() || ++failures > 3) {
          throw e;
        }
        clock.sleep(Duration.ofMillis(500L << failures));
      }
    }
  }

  /** Builder of {@link KlineFetcher}. */
  public static final class Builder {
    private final Exchange exchange;
    private final BarStore store;
    private Clock clock = Clock.system();
    private Duration minInterval = Duration.ofMillis(100);
    private int pageLimit = 1000;
    private Consumer<Progress> progress = p -> {};

    private Builder(Exchange exchange, BarStore store) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
      this.store = Objects.requireNonNull(store, "store");
    }

    public Builder clock(Clock v) {
      this.clock = Objects.requireNonNull(v, "clock");
      return this;
    }

    /** Smallest time between two requests (default 100 ms: 10 requests/s, half MEXC's 20/s). */
    public Builder minRequestInterval(Duration v) {
      this.minInterval = Objects.requireNonNull(v, "minRequestInterval");
      return this;
    }

    /** Bars per request, 1 to 1,000 (MEXC's maximum). */
    public Builder pageLimit(int v) {
      if (v < 1 || v > 1000) {
        throw new IllegalArgumentException("page limit must be 1..1000: " + v);
      }
      this.pageLimit = v;
      return this;
    }

    public Builder progress(Consumer<Progress> v) {
      this.progress = Objects.requireNonNull(v, "progress");
      return this;
    }

    public KlineFetcher build() {
      return new KlineFetcher(this);
    }
  }
}
