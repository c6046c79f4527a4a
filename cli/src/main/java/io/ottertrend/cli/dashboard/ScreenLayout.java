package io.ottertrend.cli.dashboard;

import io.ottertrend.agent.AgentEvent;
import io.ottertrend.cli.dashboard.DashboardSnapshot.ActionLine;
import io.ottertrend.cli.dashboard.DashboardSnapshot.Tone;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws a {@link DashboardSnapshot} into exactly {@code rows} lines of at most {@code columns} columns: header
 * and health line, then the Thoughts, Actions and Portfolio panels (side by side from {@value #WIDE} columns,
 * stacked below), then the key help. A pure function of its arguments, so any size, including absurdly small
 * ones, renders without an exception. Stateless and thread-safe.
 */
final class ScreenLayout {
  /** From this width the Portfolio panel sits beside Thoughts and Actions. */
  static final int WIDE = 100;

  private static final String SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
  private static final AttributedStyle GREEN = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  private static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
  private static final AttributedStyle YELLOW = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
  private static final AttributedStyle CYAN = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
  private static final AttributedStyle MAGENTA = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
  /** PAPER: black on green. */
  static final AttributedStyle PAPER_BADGE = AttributedStyle.BOLD.foreground(AttributedStyle.BLACK)
      .background(AttributedStyle.GREEN);
  /** LIVE: bold white on red, impossible to miss. */
  static final AttributedStyle LIVE_BADGE = AttributedStyle.BOLD.foreground(AttributedStyle.WHITE)
      .background(AttributedStyle.RED);

  private ScreenLayout() {}

  /**
   * @param wallNow real time in epoch ms: drives the countdown and the spinner frame
   */
  static List<AttributedString> render(DashboardSnapshot s, int columns, int rows, long wallNow) {
    List<AttributedString> out = new ArrayList<>(Math.max(0, rows));
    if (columns <= 0 || rows <= 0) {
      return out;
    }
    out.add(header(s, wallNow));
    if (rows >= 2) {
      out.add(health(s));
    }
    int body = rows - out.size() - (rows >= 4 ? 1 : 0);
    if (body > 0) {
      out.addAll(panels(s, columns, body, wallNow));
    }
    if (rows >= 4) {
      out.add(footer(s));
    }
    List<AttributedString> fitted = new ArrayList<>(rows);
    for (int i = 0; i < rows && i < out.size(); i++) {
      AttributedString line = out.get(i);
      fitted.add(line.columnLength() > columns ? line.columnSubSequence(0, columns) : line);
    }
    return fitted;
  }

  private static AttributedString header(DashboardSnapshot s, long wallNow) {
    DashboardSnapshot.Header h = s.header();
    AttributedStringBuilder b = new AttributedStringBuilder();
    b.style(AttributedStyle.BOLD).append(" OtterTrend ").style(AttributedStyle.DEFAULT);
    b.style(h.live() ? LIVE_BADGE : PAPER_BADGE).append(h.live() ? " LIVE " : " PAPER ").style(AttributedStyle.DEFAULT);
    // State badges first: on a narrow screen the end of the header is what gets cut.
    if (s.paused()) {
      b.append(" ").style(AttributedStyle.BOLD.foreground(AttributedStyle.BLACK).background(AttributedStyle.YELLOW))
          .append(" PAUSED ").style(AttributedStyle.DEFAULT);
    }
    if (s.halt() != null) {
      b.append(" ").style(LIVE_BADGE).append(" HALTED ").style(AttributedStyle.DEFAULT);
    }
    if (s.finished()) {
      b.append(" ").style(AttributedStyle.BOLD.inverse()).append(" FINISHED ").style(AttributedStyle.DEFAULT);
    }
    b.append(" market ").style(AttributedStyle.BOLD).append(h.market()).style(AttributedStyle.DEFAULT);
    b.append(" · brain ").style(AttributedStyle.BOLD).append(h.brain()).style(AttributedStyle.DEFAULT);
    b.append(" · cycle ").style(AttributedStyle.BOLD).append(Long.toString(s.cycle())).style(AttributedStyle.DEFAULT);
    String timing = timing(s, wallNow);
    if (!timing.isEmpty()) {
      b.append(" · ").style(CYAN).append(timing).style(AttributedStyle.DEFAULT);
    }
    return b.toAttributedString();
  }

  private static String timing(DashboardSnapshot s, long wallNow) {
    if (s.finished()) {
      return "";
    }
    if (s.cycleRunning()) {
      return "running";
    }
    if (s.nextCycleWallMillis() > 0) {
      long seconds = Math.max(0, (s.nextCycleWallMillis() - wallNow + 999) / 1000);
      return String.format(Locale.ROOT, "next in %d:%02d", seconds / 60, seconds % 60);
    }
    return s.cycle() == 0 ? "starting" : "";
  }

  private static AttributedString health(DashboardSnapshot s) {
    AttributedStringBuilder b = new AttributedStringBuilder().append(" health ");
    AgentEvent.Notice n = s.health();
    String level = n == null || n.level() == null ? "INFO" : n.level().toUpperCase(Locale.ROOT);
    if (s.halt() != null) {
      b.style(RED).append("■ halted: " + s.halt() + " (ottertrend resume lifts it)");
      return b.toAttributedString();
    }
    switch (level) {
      case "ERROR" -> b.style(RED).append("■ " + n.message());
      case "WARN", "WARNING" -> b.style(YELLOW).append("▲ " + n.message());
      default -> {
        b.style(GREEN).append("● ok");
        if (n != null && n.message() != null) {
          b.style(DIM).append("  " + n.message());
        }
      }
    }
    return b.toAttributedString();
  }

  private static AttributedString footer(DashboardSnapshot s) {
    AttributedStringBuilder b = new AttributedStringBuilder().append(" ");
    if (s.finished()) {
      return b.style(AttributedStyle.BOLD).append("run finished").style(DIM).append(" · press any key to exit")
          .toAttributedString();
    }
    key(b, "q", "quit");
    key(b, "p", s.paused() ? "resume" : "pause");
    key(b, "h", "halt new entries");
    return b.toAttributedString();
  }

  private static void key(AttributedStringBuilder b, String key, String what) {
    b.style(AttributedStyle.BOLD.inverse()).append(" " + key + " ").style(DIM).append(" " + what + "   ")
        .style(AttributedStyle.DEFAULT);
  }

  private static List<AttributedString> panels(DashboardSnapshot s, int columns, int height, long wallNow) {
    if (columns >= WIDE) {
      int left = columns * 3 / 5;
      int right = columns - left;
      int thoughtsHeight = Math.max(3, height * 9 / 20);
      int actionsHeight = height - thoughtsHeight;
      List<AttributedString> leftColumn = new ArrayList<>(thoughts(s, left, thoughtsHeight, wallNow));
      leftColumn.addAll(actions(s, left, actionsHeight));
      return Lines.beside(leftColumn, left, portfolio(s, right, height, false), right);
    }
    int thoughtsHeight = height * 3 / 10;
    int actionsHeight = height * 35 / 100;
    int portfolioHeight = height - thoughtsHeight - actionsHeight;
    List<AttributedString> out = new ArrayList<>(height);
    out.addAll(thoughts(s, columns, thoughtsHeight, wallNow));
    out.addAll(actions(s, columns, actionsHeight));
    out.addAll(portfolio(s, columns, portfolioHeight, true));
    return out;
  }

  private static List<AttributedString> thoughts(DashboardSnapshot s, int width, int height, long wallNow) {
    int w = Box.innerWidth(width);
    List<AttributedString> content = new ArrayList<>();
    if (s.thinkingBrain() != null) {
      char frame = SPINNER.charAt((int) Math.floorMod(wallNow / 100, (long) SPINNER.length()));
      content.add(Lines.styled(frame + " thinking (" + s.thinkingBrain() + ")…", YELLOW));
    } else if (s.paused()) {
      content.add(Lines.styled("‖ paused: positions are still managed, no new decisions", YELLOW));
    }
    List<AgentEvent.DecisionMade> newestFirst = new ArrayList<>(s.decisions());
    Collections.reverse(newestFirst);
    boolean latest = true;
    for (AgentEvent.DecisionMade d : newestFirst) {
      if (!latest) {
        content.add(AttributedString.EMPTY);
      }
      AttributedStyle text = latest ? AttributedStyle.DEFAULT : DIM;
      content.add(Lines.styled(TIME.format(Instant.ofEpochMilli(d.at())) + " " + d.brain() + " · " + d.outcome()
          + tokens(d), DIM));
      for (String line : WordWrap.wrap(d.thoughts() == null || d.thoughts().isBlank() ? "(no thoughts)" : d.thoughts(), w)) {
        content.add(Lines.styled(line, text));
      }
      for (String a : d.actions()) {
        for (String line : WordWrap.wrap("→ " + a, w)) {
          content.add(Lines.styled(line, latest ? CYAN : DIM));
        }
      }
      for (String a : d.dropped()) {
        for (String line : WordWrap.wrap("✗ dropped: " + a, w)) {
          content.add(Lines.styled(line, latest ? YELLOW : DIM));
        }
      }
      latest = false;
    }
    if (content.isEmpty()) {
      content.add(Lines.styled("waiting for the first decision…", DIM));
    }
    return Box.draw("Thoughts", content, width, height);
  }

  private static String tokens(AgentEvent.DecisionMade d) {
    String t = d.promptTokens() + d.completionTokens() > 0
        ? " · " + d.promptTokens() + "+" + d.completionTokens() + " tok" : "";
    return t + (d.latencyMillis() > 0 ? " · " + d.latencyMillis() + " ms" : "");
  }

  private static List<AttributedString> actions(DashboardSnapshot s, int width, int height) {
    int w = Box.innerWidth(width);
    int rows = Box.innerHeight(height);
    List<AttributedString> content = new ArrayList<>();
    List<ActionLine> all = s.actions();
    // Newest at the bottom, like a log; walk backwards until the panel is full.
    for (int i = all.size() - 1; i >= 0 && content.size() < rows; i--) {
      ActionLine a = all.get(i);
      String prefix = TIME.format(Instant.ofEpochMilli(a.at())) + " " + a.icon() + " ";
      List<String> wrapped = WordWrap.wrap(a.text(), Math.max(1, w - prefix.length()));
      List<AttributedString> lines = new ArrayList<>();
      for (int j = 0; j < wrapped.size(); j++) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.style(DIM).append(j == 0 ? prefix.substring(0, 9) : " ".repeat(9));
        b.style(style(a.tone())).append(j == 0 ? prefix.substring(9) : " ".repeat(prefix.length() - 9));
        b.append(wrapped.get(j));
        lines.add(b.toAttributedString());
      }
      for (int j = lines.size() - 1; j >= 0 && content.size() < rows; j--) {
        content.add(0, lines.get(j));
      }
    }
    if (content.isEmpty()) {
      content.add(Lines.styled("no orders yet", DIM));
    }
    return Box.draw("Actions", content, width, height);
  }

  private static AttributedStyle style(Tone tone) {
    return switch (tone) {
      case GOOD -> GREEN;
      case BAD -> RED;
      case WARN -> YELLOW;
      case INFO -> CYAN;
      case MUTED -> DIM;
    };
  }

  private static List<AttributedString> portfolio(DashboardSnapshot s, int width, int height, boolean compact) {
    int w = Box.innerWidth(width);
    List<AttributedString> content = new ArrayList<>();
    AgentEvent.EquityUpdate q = s.equity();
    if (q == null) {
      content.add(Lines.styled("waiting for the first valuation…", DIM));
      return Box.draw("Portfolio", content, width, height);
    }
    AttributedStringBuilder eq = new AttributedStringBuilder().append("Equity  ").style(AttributedStyle.BOLD)
        .append(Numbers.money(q.equity())).style(AttributedStyle.DEFAULT);
    if (q.equity() != null && s.firstEquity() != null && s.firstEquity().signum() != 0) {
      double change = q.equity().subtract(s.firstEquity()).doubleValue() / s.firstEquity().doubleValue() * 100;
      eq.append("  ").style(change >= 0 ? GREEN : RED).append((change >= 0 ? "▲ " : "▼ ") + Numbers.percent(change))
          .style(DIM).append(" this run");
    }
    content.add(eq.toAttributedString());
    content.add(Lines.styled(Sparkline.of(s.equityHistory(), w), MAGENTA));
    BigDecimal pnl = q.pnlToday() == null ? BigDecimal.ZERO : q.pnlToday();
    BigDecimal loss = pnl.signum() < 0 ? pnl.negate() : BigDecimal.ZERO;
    double lossRatio = ratio(loss, q.maxDailyLoss());
    double tradeRatio = q.maxTrades() <= 0 ? 0 : (double) q.tradesToday() / q.maxTrades();
    String openText = q.openPositions() + " / " + q.maxOpenPositions();
    if (compact) {
      // Limits before positions: when rows run out, the positions list is what gets cut.
      content.add(new AttributedStringBuilder().append("Cash    ").append(Numbers.money(q.cash())).style(DIM)
          .append(" · ").style(AttributedStyle.DEFAULT).append("open " + openText).toAttributedString());
      content.add(new AttributedStringBuilder().append("Today   P&L ").style(pnl.signum() >= 0 ? GREEN : RED)
          .append(Numbers.signedMoney(pnl)).style(DIM).append(" · ").style(limitStyle(lossRatio))
          .append("loss " + Numbers.money(loss) + " / " + Numbers.money(q.maxDailyLoss())).style(DIM).append(" · ")
          .style(limitStyle(tradeRatio)).append("trades " + q.tradesToday() + " / " + q.maxTrades())
          .toAttributedString());
    } else {
      content.add(new AttributedStringBuilder().append("Cash    ").append(Numbers.money(q.cash())).toAttributedString());
      content.add(AttributedString.EMPTY);
      content.add(Lines.styled("Today", AttributedStyle.BOLD));
      content.add(new AttributedStringBuilder().append("  P&L     ").style(pnl.signum() >= 0 ? GREEN : RED)
          .append(Numbers.signedMoney(pnl)).toAttributedString());
      content.add(gauge("  loss    " + Numbers.money(loss) + " / " + Numbers.money(q.maxDailyLoss()), lossRatio, w));
      content.add(gauge("  trades  " + q.tradesToday() + " / " + q.maxTrades(), tradeRatio, w));
      content.add(gauge("  open    " + openText, q.maxOpenPositions() <= 0 ? 0
          : (double) q.openPositions() / q.maxOpenPositions(), w));
      content.add(AttributedString.EMPTY);
      content.add(Lines.styled("Positions", AttributedStyle.BOLD));
    }
    if (q.positions().isEmpty() && !compact) {
      content.add(Lines.styled("  none", DIM));
    }
    for (AgentEvent.PositionLine p : q.positions()) {
      BigDecimal positionPnl = p.pnl();
      AttributedStyle tone = positionPnl == null ? DIM : positionPnl.signum() >= 0 ? GREEN : RED;
      String prices = Numbers.quantity(p.quantity()) + " @ " + Numbers.price(p.entry()) + " → " + Numbers.price(p.mark());
      String result = Numbers.signedMoney(positionPnl) + " " + Numbers.percent(p.pnlPct() * 100);
      AttributedStringBuilder line = new AttributedStringBuilder().append("  ").style(AttributedStyle.BOLD)
          .append(p.symbol()).style(AttributedStyle.DEFAULT);
      if (2 + p.symbol().length() + prices.length() + result.length() + 2 <= w) {
        content.add(line.append(" " + prices + " ").style(tone).append(result).toAttributedString());
      } else {
        // Too narrow for one line: P&L beside the symbol (what matters), prices below.
        content.add(line.append(" ").style(tone).append(result).toAttributedString());
        content.add(Lines.styled("    " + prices, DIM));
      }
    }
    return Box.draw("Portfolio", content, width, height);
  }

  private static AttributedStyle limitStyle(double ratio) {
    return ratio >= 0.8 ? RED : ratio >= 0.5 ? YELLOW : GREEN;
  }

  private static double ratio(BigDecimal used, BigDecimal limit) {
    if (limit == null || limit.signum() <= 0) {
      return 0;
    }
    return used.divide(limit, 6, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** A label and a ten-cell usage bar: green below half, yellow below 80%, red above. */
  private static AttributedString gauge(String label, double ratio, int width) {
    AttributedStringBuilder b = new AttributedStringBuilder().append(label);
    int cells = 10;
    if (label.length() + 2 + cells <= width) {
      int filled = (int) Math.round(Math.max(0, Math.min(1, ratio)) * cells);
      AttributedStyle tone = limitStyle(ratio);
      b.append(" ".repeat(width - label.length() - cells));
      b.style(tone).append("▰".repeat(filled)).style(DIM).append("▱".repeat(cells - filled));
    }
    return b.toAttributedString();
  }
}
