package io.ottertrend.alert;

import io.ottertrend.config.Secret;
import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.time.Clock;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert dispatcher. The trading path calls {@link #alert}; the dispatcher
 * <ul>
 *   <li>drops an alert when one of the same kind and subject went out less than {@code ALERT_MIN_INTERVAL} ago
 *       (on the agent's {@link Clock}),
 *   <li>replaces every configured secret in the text by {@code ****},
 *   <li>hands it to every sink on one background thread (a bounded queue; when full, alerts are dropped and
 *       counted), so a slow webhook never delays an order,
 *   <li>never throws: sink failures are logged (scrubbed) and counted.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} delivers what is queued (waiting at most 10 s) and stops the thread.
 */
public final class Alerts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

  private final List<AlertSink> sinks;
  private final Clock clock;
  private final long minIntervalMillis;
  private final List<Secret> secrets;
  private final ThreadPoolExecutor executor;
  private final Map<String, Long> lastSent = new HashMap<>();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  private Alerts(Builder b) {
    this.sinks = List.copyOf(b.sinks);
    this.clock = b.clock;
    this.minIntervalMillis = b.minInterval.toMillis();
    this.secrets = List.copyOf(b.secrets);
    this.executor = sinks.isEmpty() ? null
        : new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256), r -> {
          Thread t = new Thread(r, "ottertrend-alerts");
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  /** A dispatcher with no sinks: every alert is dropped (for tests and embedders that do not want alerts). */
  public static Alerts none() {
    return builder(Clock.system()).build();
  }

  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /**
   * The dispatcher the settings ask for: always the log sink; the console sink when {@code console} is given;
   * the webhook, Telegram and Discord sinks when their settings are set. Every secret setting is scrubbed.
   */
  public static Alerts fromSettings(Settings settings, Clock clock, PrintWriter console) {
    Builder b = builder(clock).minInterval(settings.duration(Setting.ALERT_MIN_INTERVAL)).sink(AlertSinks.log());
    if (console != null) {
      b.sink(AlertSinks.console(console));
    }
    Secret webhook = settings.secret(Setting.ALERT_WEBHOOK_URL);
    if (webhook.isPresent()) {
      b.sink(AlertSinks.webhook(webhook));
    }
    Secret token = settings.secret(Setting.TELEGRAM_BOT_TOKEN);
    String chat = settings.string(Setting.TELEGRAM_CHAT_ID).strip();
    if (token.isPresent() && !chat.isEmpty()) {
      b.sink(AlertSinks.telegram(settings.string(Setting.TELEGRAM_BASE_URL), token, chat));
    }
    Secret discord = settings.secret(Setting.DISCORD_WEBHOOK_URL);
    if (discord.isPresent()) {
      b.sink(AlertSinks.discord(discord));
    }
    for (Setting s : Setting.values()) {
      if (s.isSecret()) {
        b.secret(settings.secret(s));
      }
    }
    return b.build();
  }

  /** Names of the sinks, in order. */
  public List<String> sinkNames() {
    return sinks.stream().map(AlertSink::name).toList();
  }

  /**
   * Sends an alert unless one of the same kind and subject went out within the minimum interval.
   *
   * @return true when the alert was queued for delivery
   */
  public boolean alert(AlertKind kind, String subject, String message) {
    try {
      if (executor == null || kind == null) {
        return false;
      }
      long now = clock.millis();
      String key = kind + "|" + (subject == null ? "" : subject);
      synchronized (lastSent) {
        Long last = lastSent.get(key);
        if (last != null && now - last < minIntervalMillis) {
          return false;
        }
        lastSent.put(key, now);
      }
      Alert alert = new Alert(kind, scrub(subject), scrub(String.valueOf(message)), now);
      executor.execute(() -> deliver(alert));
      return true;
    } catch (RejectedExecutionException e) {
      dropped.incrementAndGet();
      return false;
    } catch (RuntimeException e) {
      // never into the trading path
      LOG.warn("alert dispatch failed: {}", scrub(String.valueOf(e.getMessage())));
      return false;
    }
  }

  public boolean halt(String reason) {
    return alert(AlertKind.HALT, "", "trading halted: " + reason);
  }

  public boolean ban(String message) {
    return alert(AlertKind.BAN, "", message);
  }

  public boolean drift(String message) {
    return alert(AlertKind.RECONCILIATION_DRIFT, "", message);
  }

  public boolean error(String component, String message) {
    return alert(AlertKind.ERROR, component, message);
  }

  /** Sink failures so far. */
  public long failures() {
    return failures.get();
  }

  /** Alerts dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Waits until every alert queued so far was handed to the sinks (at most {@code timeout}).
   *
   * @return true when everything queued was delivered or failed
   */
  public boolean flush(Duration timeout) {
    if (executor == null) {
      return true;
    }
    CountDownLatch done = new CountDownLatch(1);
    try {
      executor.execute(done::countDown);
      return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void deliver(Alert alert) {
    for (AlertSink sink : sinks) {
      try {
        sink.send(alert);
      } catch (Exception e) {
        failures.incrementAndGet();
        LOG.warn("alert sink {} failed: {}", sink.name(), scrub(e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
    }
  }

  String scrub(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (Secret s : secrets) {
      out = s.scrub(out);
    }
    return out;
  }

  @Override
  public void close() {
    if (executor != null) {
      flush(Duration.ofSeconds(10));
      executor.shutdownNow();
    }
  }

  /** Builder of a dispatcher. Not thread-safe. */
  public static final class Builder {
    private final Clock clock;
    private final List<AlertSink> sinks = new ArrayList<>();
    private final List<Secret> secrets = new ArrayList<>();
    private Duration minInterval = Duration.ofMinutes(5);

    private Builder(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Builder sink(AlertSink sink) {
      sinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /** A value that must never appear in an alert. */
    public Builder secret(Secret secret) {
      if (secret != null && secret.isPresent()) {
        secrets.add(secret);
      }
      return this;
    }

    public Builder minInterval(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("minInterval must be >= 0");
      }
      this.minInterval = d;
      return this;
    }

    public Alerts build() {
      return new Alerts(this);
    }
  }

  @Override
  public String toString() {
    return "Alerts" + sinkNames();
  }
}
