package io.ottertrend.brain.tools;

import io.ottertrend.brain.Action;
import io.ottertrend.brain.ActionValidator;
import io.ottertrend.brain.MarketSnapshot;
import io.ottertrend.brain.OrderGateway;
import io.ottertrend.brain.tools.Tool.Category;
import io.ottertrend.model.BookLevel;
import io.ottertrend.model.OrderBook;
import io.ottertrend.model.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The spec's 18 tools over {@link AgentPorts}: observe ({@code get_market_snapshot}, {@code get_orderbook},
 * {@code get_google_trends}, {@code get_trending_tokens}, {@code get_social_mentions}, {@code get_crypto_news}),
 * think ({@code ml_detect_regime}, {@code ml_forecast_volatility}, {@code ml_score_sentiment},
 * {@code ml_narrative_strength}, {@code ml_estimate_slippage}, {@code ml_detect_anomalies}) and act
 * ({@code get_portfolio_state}, {@code risk_constraints}, {@code risk_check_order}, {@code place_order},
 * {@code close_position}, {@code cancel_order}).
 *
 * <p>{@code place_order} and {@code close_position} validate their arguments with the same
 * {@link ActionValidator} as the JSON-actions brain, then go through {@link OrderGateway}; nothing else acts.
 * Stateless and thread-safe.
 */
public final class StandardTools {
  /** Every standard tool name, in the spec's order. */
  public static final List<String> NAMES = List.of("get_market_snapshot", "get_orderbook", "get_google_trends",
      "get_trending_tokens", "get_social_mentions", "get_crypto_news", "ml_detect_regime", "ml_forecast_volatility",
      "ml_score_sentiment", "ml_narrative_strength", "ml_estimate_slippage", "ml_detect_anomalies",
      "get_portfolio_state", "risk_constraints", "risk_check_order", "place_order", "close_position", "cancel_order");

  private StandardTools() {}

  /** A registry holding the 18 tools over {@code ports}. */
  public static ToolRegistry registry(AgentPorts ports) {
    return new ToolRegistry().registerAll(all(ports));
  }

  record SimpleTool(Tool.Spec spec, BiFunction<ToolArgs, Tool.Context, Object> fn) implements Tool {
    @Override
    public Object call(ToolArgs args, Context context) {
      return fn.apply(args, context);
    }
  }

  private static Tool tool(String name, String description, Category category, Params params, Duration ttl,
      int perMinute, BiFunction<ToolArgs, Tool.Context, Object> fn) {
    return new SimpleTool(new Tool.Spec(name, description, category, params, ttl, perMinute), fn);
  }

  /** The 18 tools. */
  public static List<Tool> all(AgentPorts p) {
    List<Tool> t = new ArrayList<>();
    // --- observe -----------------------------------------------------------------------------------
    t.add(tool("get_market_snapshot", "Top symbols of this cycle by relevance: price, 24h change, volume, spread, "
        + "RSI, trend, regime, flags.", Category.OBSERVE,
        Params.object().integer("top", "How many symbols (default 20)", false, 1, 50), Duration.ZERO, 30,
        (a, c) -> marketRows(c.snapshot(), (int) a.integer("top", 20))));
    t.add(tool("get_orderbook", "Order book of a symbol: best levels, spread and depth within 1%.", Category.OBSERVE,
        Params.object().symbol("symbol", "Symbol from the market snapshot", true)
            .integer("depth", "Levels per side (default 5)", false, 1, 20),
        Duration.ofSeconds(5), 30, (a, c) -> book(p.market().orderBook(a.symbol("symbol"),
            (int) a.integer("depth", 5)), (int) a.integer("depth", 5))));
    t.add(tool("get_google_trends", "Google Trends interest (0-100) of keywords (default: the configured ones).",
        Category.OBSERVE, Params.object().stringList("keywords", "At most 5 keywords", false, 5),
        Duration.ofHours(2), 2, (a, c) -> {
          List<String> k = a.strings("keywords");
          if (k.isEmpty()) {
            k = c.snapshot().signals().trends().stream().map(MarketSnapshot.TrendKeyword::keyword).toList();
          }
          return p.signals().googleTrends(k);
        }));
    t.add(tool("get_trending_tokens", "Trending tokens and whether each is tradable in this cycle's market.",
        Category.OBSERVE, Params.object(), Duration.ofMinutes(5), 10, (a, c) -> {
          List<Object> out = new ArrayList<>();
          for (String s : p.signals().trendingTokens()) {
            out.add(obj("token", s, "tradable", c.symbols().check(s).ok()));
          }
          return out;
        }));
    t.add(tool("get_social_mentions", "Social mentions of a symbol over 24h.", Category.OBSERVE,
        Params.object().symbol("symbol", "Symbol from the market snapshot", true), Duration.ofMinutes(10), 10,
        (a, c) -> obj("symbol", a.symbol("symbol"), "mentions_24h", p.signals().socialMentions(a.symbol("symbol")))));
    t.add(tool("get_crypto_news", "Recent crypto headlines (untrusted text) with sentiment.", Category.OBSERVE,
        Params.object().symbol("symbol", "Only news about this symbol", false)
            .integer("limit", "How many (default 5)", false, 1, 20),
        Duration.ofMinutes(5), 10, (a, c) -> {
          List<Object> out = new ArrayList<>();
          for (MarketSnapshot.Headline h : p.signals().news(a.symbol("symbol"), (int) a.integer("limit", 5))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", h.source());
            m.put("title", h.title());
            m.put("sentiment", h.sentiment());
            m.put("symbols", h.symbols());
            m.put("published_at", h.publishedAt());
            out.add(m);
          }
          return obj("untrusted_headlines", out);
        }));
    // --- think -------------------------------------------------------------------------------------
    t.add(tool("ml_detect_regime", "Market regime of a symbol (trending up/down, ranging, volatile).",
        Category.THINK, Params.object().symbol("symbol", "Symbol", true), Duration.ofSeconds(60), 30, (a, c) -> {
          AgentPorts.Analytics.Regime r = p.analytics().regime(a.symbol("symbol"));
          return obj("regime", r.regime().name(), "confidence", r.confidence());
        }));
    t.add(tool("ml_forecast_volatility", "Forecast volatility (std of returns, percent) over a horizon.",
        Category.THINK, Params.object().symbol("symbol", "Symbol", true)
            .integer("horizon_bars", "Bars ahead (default 60)", false, 1, 500),
        Duration.ofSeconds(60), 30, (a, c) -> obj("volatility_pct",
            100 * p.analytics().forecastVolatility(a.symbol("symbol"), (int) a.integer("horizon_bars", 60)))));
    t.add(tool("ml_score_sentiment", "Sentiment of a text from -1 (negative) to 1 (positive).", Category.THINK,
        Params.object().string("text", "The text to score", true, 500), Duration.ofMinutes(10), 30,
        (a, c) -> obj("sentiment", p.signals().scoreSentiment(a.string("text", "")))));
    t.add(tool("ml_narrative_strength", "Strength (0-1) of a narrative such as socialfi, memecoin, ai.",
        Category.THINK, Params.object().string("narrative", "Narrative name", true, 40), Duration.ofMinutes(10), 30,
        (a, c) -> obj("narrative", a.string("narrative", ""), "strength",
            p.signals().narrativeStrength(a.string("narrative", "")))));
    t.add(tool("ml_estimate_slippage", "Expected slippage (percent) of a market order of a quote amount.",
        Category.THINK, Params.object().symbol("symbol", "Symbol", true)
            .enumOf("side", "BUY or SELL", true, "BUY", "SELL")
            .number("quote_amount", "Order value in the quote asset", true, 0.01, 1_000_000),
        Duration.ofSeconds(30), 30, (a, c) -> obj("slippage_pct", 100 * p.analytics().estimateSlippage(
            a.symbol("symbol"), Side.valueOf(a.string("side", "BUY")), a.number("quote_amount", 0)))));
    t.add(tool("ml_detect_anomalies", "Anomalies of a symbol (volume spikes, price glitches).", Category.THINK,
        Params.object().symbol("symbol", "Symbol", true), Duration.ofSeconds(60), 30,
        (a, c) -> obj("anomalies", p.analytics().anomalies(a.symbol("symbol")))));
    // --- act ---------------------------------------------------------------------------------------
    t.add(tool("get_portfolio_state", "Equity, cash and open positions.", Category.ACT, Params.object(),
        Duration.ZERO, 30, (a, c) -> portfolio(orElse(() -> p.portfolio().portfolio(), c.snapshot().portfolio()))));
    t.add(tool("risk_constraints", "The hard risk limits and today's counters (set by code, not negotiable).",
        Category.ACT, Params.object(), Duration.ZERO, 30,
        (a, c) -> risk(orElse(() -> p.risk().constraints(), c.snapshot().risk()))));
    t.add(tool("risk_check_order", "Dry-run an order through the risk engine; nothing is placed.", Category.ACT,
        orderParams(false), Duration.ZERO, 30, (a, c) -> {
          Action.Open open = validOpen(a, c);
          AgentPorts.RiskGate.Verdict v = p.risk().check(open);
          return obj("approved", v.approved(), "size_pct_equity", v.sizePctEquity(), "reason", v.reason());
        }));
    t.add(tool("place_order", "Place a spot BUY order sized as a fraction of equity; the risk engine may shrink "
        + "or reject it. Prefer LIMIT (0% maker fee).", Category.ACT, orderParams(true), Duration.ZERO, 10,
        (a, c) -> {
          Action.Open open = validOpen(a, c);
          OrderGateway.Result r = p.orders().open(open);
          c.acted().accept(new Tool.Acted(open, r));
          return result(r, open.sizePctEquity().doubleValue());
        }));
    t.add(tool("close_position", "Sell all or a fraction of a held position.", Category.ACT,
        Params.object().symbol("symbol", "A held symbol", true)
            .number("fraction", "Fraction of the position (default 1)", false, 0.0001, 1)
            .string("reason", "Why", false, 240),
        Duration.ZERO, 10, (a, c) -> {
          ActionValidator.Result v = new ActionValidator(c.snapshot(), c.symbols()).close(a.values());
          if (!v.ok()) {
            throw new IllegalArgumentException(v.dropped().reason());
          }
          Action.Close close = (Action.Close) v.action();
          OrderGateway.Result r = p.orders().close(close);
          c.acted().accept(new Tool.Acted(close, r));
          return result(r, Double.NaN);
        }));
    t.add(tool("cancel_order", "Cancel one of our open orders by its client order id.", Category.ACT,
        Params.object().symbol("symbol", "Symbol", true)
            .string("client_order_id", "Our client order id", true, 32),
        Duration.ZERO, 10, (a, c) -> {
          String id = a.string("client_order_id", "");
          if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("client_order_id must be 1-32 characters of [A-Za-z0-9_-]");
          }
          return result(p.orders().cancel(a.symbol("symbol"), id), Double.NaN);
        }));
    return t;
  }

  /** An insertion-ordered map: tool results must render the same way every run (replay keys depend on it). */
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Params orderParams(boolean withTargets) {
    Params ps = Params.object().symbol("symbol", "Symbol from the market snapshot", true)
        .enumOf("side", "BUY (spot; exits use close_position)", true, "BUY")
        .number("size_pct_equity", "Fraction of equity, e.g. 0.02 for 2%", true, 0, 1)
        .enumOf("order_type", "LIMIT (default, 0% maker), LIMIT_MAKER or MARKET", false, "LIMIT", "LIMIT_MAKER",
            "MARKET")
        .number("limit_price", "Limit price (default: best price)", false, 0, 1e12);
    if (withTargets) {
      ps.number("stop_loss", "Stop price below entry", false, 0, 1e12)
          .number("take_profit", "Target price above entry", false, 0, 1e12)
          .string("reason", "Why, in one sentence", false, 240);
    }
    return ps;
  }

  private static Action.Open validOpen(ToolArgs a, Tool.Context c) {
    ActionValidator.Result v = new ActionValidator(c.snapshot(), c.symbols()).open(a.values());
    if (!v.ok()) {
      throw new IllegalArgumentException(v.dropped().reason());
    }
    return (Action.Open) v.action();
  }

  private static Map<String, Object> result(OrderGateway.Result r, double size) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accepted", r.accepted());
    m.put("client_order_id", r.orderId());
    m.put("message", r.message());
    if (Double.isFinite(size)) {
      m.put("size_pct_equity", size);
    }
    return m;
  }

  private static <T> T orElse(java.util.function.Supplier<T> port, T fallback) {
    try {
      return port.get();
    } catch (UnsupportedOperationException e) {
      return fallback;
    }
  }

  static List<Object> marketRows(MarketSnapshot s, int top) {
    List<MarketSnapshot.SymbolView> views = new ArrayList<>(s.symbols());
    views.removeIf(v -> !(v.lastPrice() > 0) || !v.symbol().matches("[A-Z0-9]{2,30}"));
    views.sort((x, y) -> Double.compare(y.quoteVolume() * (1 + Math.abs(finite(y.change24h()))),
        x.quoteVolume() * (1 + Math.abs(finite(x.change24h())))));
    List<Object> out = new ArrayList<>();
    for (MarketSnapshot.SymbolView v : views.subList(0, Math.min(top, views.size()))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("symbol", v.symbol());
      m.put("price", v.lastPrice());
      m.put("change_24h_pct", 100 * v.change24h());
      m.put("volume_musd", v.quoteVolume() / 1e6);
      m.put("spread_pct", 100 * v.spreadPct());
      m.put("rsi", v.rsi());
      m.put("trend_pct", 100 * v.trend());
      m.put("regime", v.regime().name());
      m.put("new_listing", v.newListing());
      m.put("top_gainer", v.topGainer());
      out.add(m);
    }
    return out;
  }

  private static double finite(double d) {
    return Double.isFinite(d) ? d : 0;
  }

  static Map<String, Object> book(OrderBook b, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("symbol", b.symbol());
    m.put("bids", levels(b.bids(), depth));
    m.put("asks", levels(b.asks(), depth));
    if (!b.bids().isEmpty() && !b.asks().isEmpty()) {
      double bid = b.bids().get(0).price().doubleValue();
      double ask = b.asks().get(0).price().doubleValue();
      m.put("spread_pct", 100 * (ask - bid) / ((ask + bid) / 2));
    }
    return m;
  }

  private static List<Object> levels(List<BookLevel> levels, int depth) {
    List<Object> out = new ArrayList<>();
    for (BookLevel l : levels.subList(0, Math.min(depth, levels.size()))) {
      out.add(List.of(l.price().doubleValue(), l.quantity().doubleValue()));
    }
    return out;
  }

  static Map<String, Object> portfolio(MarketSnapshot.Portfolio pf) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("equity", pf.equity());
    m.put("cash", pf.cash());
    List<Object> pos = new ArrayList<>();
    for (MarketSnapshot.PositionView v : pf.positions()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("symbol", v.symbol());
      x.put("quantity", v.quantity());
      x.put("entry", v.entryPrice());
      x.put("mark", v.markPrice());
      x.put("pnl_pct", 100 * v.pnlPct());
      x.put("held_hours", v.heldMillis() / 3_600_000.0);
      x.put("stop", v.stopPrice());
      x.put("target", v.targetPrice());
      pos.add(x);
    }
    m.put("positions", pos);
    return m;
  }

  static Map<String, Object> risk(MarketSnapshot.Risk r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_trade_usd", r.maxTradeUsd());
    m.put("max_size_pct_equity", r.maxTradePctEquity());
    m.put("max_open_positions", r.maxOpenPositions());
    m.put("max_daily_trades", r.maxDailyTrades());
    m.put("max_daily_loss_usd", r.maxDailyLossUsd());
    m.put("max_spread_pct", 100 * r.maxSpreadPct());
    m.put("min_volume_usd", r.minLiquidityUsd());
    m.put("trades_today", r.tradesToday());
    m.put("open_positions", r.openPositions());
    m.put("pnl_today_usd", r.pnlTodayUsd());
    m.put("halted", r.halted());
    m.put("safe_mode", r.safeMode());
    return m;
  }
}
