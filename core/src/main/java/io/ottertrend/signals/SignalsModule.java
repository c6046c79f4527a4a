package io.ottertrend.signals;

import io.ottertrend.config.Setting;
import io.ottertrend.config.Settings;
import io.ottertrend.exchange.Exchange;
import io.ottertrend.memory.Memory;
import io.ottertrend.registry.Registry;
import io.ottertrend.signals.news.CryptoCompareNewsProvider;
import io.ottertrend.signals.news.RssNewsProvider;
import io.ottertrend.signals.sentiment.LexiconSentimentAnalyzer;
import io.ottertrend.signals.social.UnconfiguredSocialProvider;
import io.ottertrend.signals.trends.ExchangeTrendsProvider;
import io.ottertrend.signals.trends.GoogleTrendsProvider;
import io.ottertrend.time.Clock;
import okhttp3.OkHttpClient;

/**
 * Registers the shipped signals components in a {@link Registry}: {@code TrendsProvider} "google" and
 * "exchange", {@code NewsProvider} "cryptocompare" and "rss", {@code SentimentAnalyzer} "lexicon" (also the
 * default binding), {@code SocialProvider} "none" (also the default), and a {@link SignalsService} built from
 * the settings ({@code TRENDS_ENABLED}, {@code NEWS_ENABLED}, {@code SIGNALS_TIMEOUT}, {@code NARRATIVES}).
 *
 * <p>Factories ask the registry for {@link Clock}, {@link OkHttpClient} (shared), {@link Memory} and
 * {@link Exchange}; the service uses the memory and exchange only when they are bound.
 *
 * <p>Thread-safe: stateless; the registry serialises creation.
 */
public final class SignalsModule {
  private SignalsModule() {}

  /** Adds the signals bindings to {@code registry} and returns it. */
  public static Registry register(Registry registry) {
    registry.bindNamed(TrendsProvider.class, GoogleTrendsProvider.NAME,
        r -> GoogleTrendsProvider.create(r.settings(), r.get(Clock.class), r.get(OkHttpClient.class)));
    registry.bindNamed(TrendsProvider.class, ExchangeTrendsProvider.NAME,
        r -> ExchangeTrendsProvider.create(r.settings(), r.get(Clock.class), r.get(Exchange.class),
            r.get(Memory.class)));
    registry.bindNamed(NewsProvider.class, CryptoCompareNewsProvider.NAME,
        r -> CryptoCompareNewsProvider.create(r.settings(), r.get(Clock.class), r.get(OkHttpClient.class)));
    registry.bindNamed(NewsProvider.class, RssNewsProvider.NAME,
        r -> RssNewsProvider.create(r.settings(), r.get(Clock.class), r.get(OkHttpClient.class)));
    registry.bindNamed(SentimentAnalyzer.class, LexiconSentimentAnalyzer.NAME, r -> new LexiconSentimentAnalyzer());
    registry.bind(SentimentAnalyzer.class, r -> r.named(SentimentAnalyzer.class, LexiconSentimentAnalyzer.NAME));
    registry.bindNamed(SocialProvider.class, UnconfiguredSocialProvider.NAME, r -> new UnconfiguredSocialProvider());
    registry.bind(SocialProvider.class, r -> r.named(SocialProvider.class, UnconfiguredSocialProvider.NAME));
    registry.bind(SignalsService.class, SignalsModule::service);
    return registry;
  }

  private static SignalsService service(Registry r) {
    Settings s = r.settings();
    SignalsService.Builder b = SignalsService.builder(r.get(Clock.class), r.get(SentimentAnalyzer.class))
        .settings(s).social(r.get(SocialProvider.class));
    boolean haveExchange = r.has(Exchange.class);
    boolean haveMemory = r.has(Memory.class);
    if (haveMemory) {
      b.memory(r.get(Memory.class));
    }
    if (haveExchange) {
      b.exchange(r.get(Exchange.class));
    }
    if (s.bool(Setting.TRENDS_ENABLED)) {
      b.trends(r.named(TrendsProvider.class, GoogleTrendsProvider.NAME));
    }
    if (haveExchange && haveMemory) {
      b.trends(r.named(TrendsProvider.class, ExchangeTrendsProvider.NAME));
    }
    if (s.bool(Setting.NEWS_ENABLED)) {
      b.news(r.named(NewsProvider.class, CryptoCompareNewsProvider.NAME));
      b.news(r.named(NewsProvider.class, RssNewsProvider.NAME));
    }
    return b.build();
  }
}
