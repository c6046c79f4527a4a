package io.ottertrend.signals.news;

import io.ottertrend.model.SymbolRules;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tags a text with the exchange base assets it mentions, without false hits on common words.
 *
 * <p>Rules:
 * <ul>
 *   <li>{@code $TICKER} (cashtag) always counts, in any case;</li>
 *   <li>an upper-case ticker counts ({@code BTC}, {@code PEPE}) unless the ticker is also an everyday word or
 *       two letters long ({@code ONE}, {@code AI}, {@code IT}, {@code THE}, {@code GAS}, {@code SUN},
 *       {@code NEAR}...) — those need a cashtag, the full project name, a pair name ({@code ONE/USDT}) or,
 *       for three letters and more, a crypto context right after them ({@code GAS token}, {@code SUN price});
 *       two-letter tickers never take context ("AI tokens" is a sector, not {@code $AI});</li>
 *   <li>in a text written all in capitals, capitals say nothing: only cashtags and project names count;</li>
 *   <li>a project name counts in any case ({@code bitcoin}, {@code Harmony ONE} → {@code ONE}); names that are
 *       everyday words themselves are not in the name table.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class SymbolTagger {
  /** Tickers that are also everyday English words or abbreviations. */
  static final Set<String> COMMON_WORDS = Set.of(
      "A", "AI", "ALL", "AN", "AND", "ANY", "ARE", "AS", "AT", "BE", "BIG", "BOND", "BY", "CAN", "CAT", "CITY",
      "CORE", "DAY", "DOG", "DO", "EDGE", "FOR", "FUN", "GAS", "GET", "GO", "GOOD", "HE", "HOT", "ID", "IF", "IN",
      "IS", "IT", "KEY", "LOVE", "ME", "MORE", "MOVE", "MY", "NEAR", "NEW", "NO", "NOT", "NOW", "OF", "OK", "OM",
      "ON", "ONE", "OP", "OR", "OUT", "PEOPLE", "REAL", "RUN", "SAFE", "SO", "SUN", "THE", "TO", "TOP", "TRUE",
      "UP", "US", "USA", "WE", "WIN", "YES", "YOU", "CEO", "SEC", "ETF", "USD", "API", "NFT", "DEX", "CEX",
      "ATH", "TVL", "APY", "DAO", "ICO", "IPO", "FED", "CPI", "GDP", "EU", "UK", "IMF", "FBI", "DOJ", "IRS",
      "OPEN", "BLUR", "STORY", "MAGIC", "PENDLE", "DYDX", "HIGH", "LOW", "POWER", "JUST", "META", "MASK",
      "ACE", "AGI", "ARK", "BAT", "BLUE", "COMP", "COW", "DENT", "EVER", "FIRE", "FLOW", "GLM", "HOOK", "ICE",
      "JOE", "LAND", "LINK", "MINT", "NOTE", "ORDER", "PAY", "POND", "RARE", "RAY", "REN", "ROSE", "SAND",
      "SIGN", "SKY", "SLP", "STAR", "TIME", "TRU", "VOXEL", "WOO", "ZERO");

  /** Full project names (lower case) that identify a base asset; everyday-word names are left out. */
  static final Map<String, String> PROJECT_NAMES = Map.ofEntries(
      Map.entry("bitcoin", "BTC"), Map.entry("ethereum", "ETH"), Map.entry("ether", "ETH"),
      Map.entry("solana", "SOL"), Map.entry("ripple", "XRP"), Map.entry("dogecoin", "DOGE"),
      Map.entry("cardano", "ADA"), Map.entry("tron", "TRX"), Map.entry("toncoin", "TON"),
      Map.entry("avalanche", "AVAX"), Map.entry("chainlink", "LINK"), Map.entry("polkadot", "DOT"),
      Map.entry("shiba inu", "SHIB"), Map.entry("litecoin", "LTC"), Map.entry("uniswap", "UNI"),
      Map.entry("near protocol", "NEAR"), Map.entry("harmony one", "ONE"), Map.entry("arbitrum", "ARB"),
      Map.entry("optimism", "OP"), Map.entry("aptos", "APT"), Map.entry("filecoin", "FIL"),
      Map.entry("cosmos hub", "ATOM"), Map.entry("injective", "INJ"), Map.entry("celestia", "TIA"),
      Map.entry("stellar lumens", "XLM"), Map.entry("pepe", "PEPE"), Map.entry("bonk", "BONK"),
      Map.entry("dogwifhat", "WIF"), Map.entry("floki", "FLOKI"), Map.entry("worldcoin", "WLD"),
      Map.entry("render network", "RENDER"), Map.entry("fetch.ai", "FET"), Map.entry("kaspa", "KAS"),
      Map.entry("hyperliquid", "HYPE"), Map.entry("binance coin", "BNB"), Map.entry("polygon", "POL"),
      Map.entry("the graph", "GRT"), Map.entry("sei network", "SEI"), Map.entry("sui network", "SUI"),
      Map.entry("sun token", "SUN"), Map.entry("gas token", "GAS"), Map.entry("sleepless ai", "AI"),
      Map.entry("fantom", "FTM"), Map.entry("monero", "XMR"), Map.entry("tether", "USDT"));

  private static final Set<String> CONTEXT_AFTER = Set.of(
      "token", "tokens", "coin", "coins", "price", "holders", "usdt", "usdc", "usd", "btc", "eth", "pair",
      "listing", "listed", "airdrop", "staking", "rallies", "surges", "plunges", "dumps", "pumps", "jumps");

  private final Set<String> bases;
  private final Map<String, String> names;
  private final int longestName;

  /** A tagger for the base assets of {@code rules}. */
  public static SymbolTagger of(List<SymbolRules> rules) {
    Set<String> b = new HashSet<>();
    for (SymbolRules r : rules) {
      b.add(r.baseAsset().toUpperCase(Locale.ROOT));
    }
    return new SymbolTagger(b);
  }

  /** A tagger for these base assets. */
  public SymbolTagger(Set<String> baseAssets) {
    Set<String> b = new HashSet<>();
    for (String s : baseAssets) {
      b.add(s.toUpperCase(Locale.ROOT));
    }
    this.bases = Set.copyOf(b);
    Map<String, String> n = new HashMap<>();
    int longest = 1;
    for (Map.Entry<String, String> e : PROJECT_NAMES.entrySet()) {
      if (bases.contains(e.getValue())) {
        n.put(e.getKey(), e.getValue());
        longest = Math.max(longest, e.getKey().split(" ").length);
      }
    }
    this.names = Map.copyOf(n);
    this.longestName = longest;
  }

  /** Base assets mentioned in {@code text}, sorted. */
  public Set<String> tag(String text) {
    Set<String> found = new TreeSet<>();
    if (text == null || text.isBlank()) {
      return found;
    }
    String[] tokens = text.split("[^\\p{L}\\p{N}$.]+");
    boolean shouting = !text.equals(text.toUpperCase(Locale.ROOT)) ? false : text.chars().anyMatch(Character::isLetter);
    String[] lower = new String[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = trimDots(tokens[i]);
      lower[i] = tokens[i].toLowerCase(Locale.ROOT);
    }
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      if (t.isEmpty()) {
        continue;
      }
      // Project names, longest first.
      for (int len = Math.min(longestName, tokens.length - i); len >= 1; len--) {
        String hit = names.get(join(lower, i, len));
        if (hit != null) {
          found.add(hit);
          break;
        }
      }
      if (t.startsWith("$")) {
        String tag = t.substring(1).toUpperCase(Locale.ROOT);
        if (bases.contains(tag)) {
          found.add(tag);
        }
        continue;
      }
      String pairBase = pairBase(t);
      if (pairBase != null) {
        found.add(pairBase);
        continue;
      }
      if (shouting || !t.equals(t.toUpperCase(Locale.ROOT)) || !bases.contains(t)) {
        continue;
      }
      // Two-letter tickers are too ambiguous even with context ("AI tokens" is a sector, not $AI).
      boolean ambiguous = t.length() <= 2 || COMMON_WORDS.contains(t);
      boolean context = t.length() > 2 && i + 1 < tokens.length && CONTEXT_AFTER.contains(lower[i + 1]);
      if (!ambiguous || context) {
        found.add(t);
      }
    }
    return found;
  }

  /** {@code ONEUSDT} or {@code ONE/USDT} style pair names name their base unambiguously. */
  private String pairBase(String token) {
    String up = token.toUpperCase(Locale.ROOT);
    if (!token.equals(up)) {
      return null;
    }
    for (String quote : List.of("USDT", "USDC")) {
      if (up.length() > quote.length() && up.endsWith(quote)) {
        String base = up.substring(0, up.length() - quote.length());
        if (bases.contains(base)) {
          return base;
        }
      }
    }
    return null;
  }

  private static String trimDots(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == '.') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == '.') {
      b--;
    }
    return s.substring(a, b);
  }

  private static String join(String[] tokens, int from, int len) {
    if (len == 1) {
      return tokens[from];
    }
    StringBuilder sb = new StringBuilder(tokens[from]);
    for (int k = 1; k < len; k++) {
      sb.append(' ').append(tokens[from + k]);
    }
    return sb.toString();
  }
}
