package io.ottertrend.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ottertrend.agent.AgentEvent;
import io.ottertrend.agent.AgentListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

/** Renders scripted event sequences on an emulated screen and reads the screen back. */
class DashboardRenderTest {
  private final AtomicLong wall = new AtomicLong(1_000_000);

  private Dashboard dashboard(VirtualScreen screen, boolean live) {
    return new Dashboard(screen.terminal(), false,
        new Dashboard.Info(live, "synthetic", "rules", Duration.ofSeconds(30)), new FakeControls(), wall::get);
  }

  private static void feed(AgentListener listener, AgentEvent... events) {
    for (AgentEvent e : events) {
      listener.on(e);
    }
  }

  private static void oneCycle(AgentListener l, long cycle, String equity) {
    feed(l, Events.started(cycle), new AgentEvent.Thinking(Events.T0, "rules"),
        Events.decision(cycle, "Cycle " + cycle + ": BTCUSDT breaks out with rising volume; momentum is strong.",
            List.of("BUY BTCUSDT 25 USDT")),
        Events.approved(cycle, "BTCUSDT"), Events.filled(cycle, "BTCUSDT"), Events.fill(cycle, "BTCUSDT"),
        Events.equity(cycle, equity), Events.finished(cycle));
  }

  @Test
  void headerAndThePanelsAppearAt80x24() throws IOException {
    try (VirtualScreen screen = new VirtualScreen(80, 24)) {
      Dashboard d = dashboard(screen, false);
      oneCycle(d.listener(), 1, "1000.19");
      d.view().render();
      String text = screen.text();
      assertThat(text).contains("OtterTrend").contains("PAPER").contains("market synthetic").contains("brain rules")
          .contains("cycle 1").contains("next in 0:30");
      assertThat(text).contains("Thoughts").contains("Actions").contains("Portfolio");
      assertThat(text).contains("BTCUSDT breaks out").contains("→ BUY BTCUSDT 25 USDT");
      assertThat(text).contains("risk approved BUY BTCUSDT").contains("fill BUY 0.00039 BTCUSDT @ 64000.5");
      assertThat(text).contains("Equity  1,000.19").contains("Cash    975.00").contains("open 1 / 3")
          .contains("Today   P&L -1.20 · loss 1.20 / 50.00 · trades 3 / 20")
          .contains("BTCUSDT 0.00039 @ 64000.5 → 64500 +0.19 +0.78%");
      assertThat(text).contains(" q ").contains("quit").contains("pause").contains("halt");
    }
  }

  @Test
  void wideScreenPutsPortfolioBesideThoughtsAndActions() throws IOException {
    try (VirtualScreen screen = new VirtualScreen(120, 40)) {
      Dashboard d = dashboard(screen, false);
      oneCycle(d.listener(), 1, "1000.19");
      d.view().render();
      String panelsRow = screen.text().lines().filter(l -> l.contains("Thoughts")).findFirst().orElseThrow();
      assertThat(panelsRow).contains("Portfolio");
      assertThat(screen.text().lines().count()).isEqualTo(40);
    }
  }

  @Test
  void liveIsRedAndPaperIsGreen() {
    DashboardSnapshot.Header live = new DashboardSnapshot.Header(true, "mexc", "llm", Duration.ZERO);
    DashboardSnapshot.Header paper = new DashboardSnapshot.Header(false, "mexc", "llm", Duration.ZERO);
    AttributedString liveHeader = ScreenLayout.render(new DashboardState(live, wall::get).snapshot(), 80, 24, 0).get(0);
    AttributedString paperHeader = ScreenLayout.render(new DashboardState(paper, wall::get).snapshot(), 80, 24, 0).get(0);
    assertThat(liveHeader.toString()).contains(" LIVE ").doesNotContain("PAPER");
    assertThat(paperHeader.toString()).contains(" PAPER ").doesNotContain("LIVE");
    assertThat(styleOf(liveHeader, "LIVE")).isEqualTo(ScreenLayout.LIVE_BADGE);
    assertThat(styleOf(paperHeader, "PAPER")).isEqualTo(ScreenLayout.PAPER_BADGE);
    assertThat(ScreenLayout.LIVE_BADGE.toAnsi()).contains("41"); // red background
    assertThat(ScreenLayout.PAPER_BADGE.toAnsi()).contains("42"); // green background
  }

  private static AttributedStyle styleOf(AttributedString s, String word) {
    return s.styleAt(s.toString().indexOf(word));
  }

  @Test
  void liveShowsOnTheEmulatedScreenToo() throws IOException {
    try (VirtualScreen screen = new VirtualScreen(80, 24)) {
      dashboard(screen, true).view().render();
      assertThat(screen.text().lines().findFirst().orElseThrow()).contains(" LIVE ").doesNotContain("PAPER");
    }
  }

  @Test
  void theLatestThoughtsComeFirstAndTheSpinnerShowsWhileThinking() throws IOException {
    try (VirtualScreen screen = new VirtualScreen(120, 40)) {
      Dashboard d = dashboard(screen, false);
      oneCycle(d.listener(), 1, "1000");
      feed(d.listener(), Events.started(2), new AgentEvent.Thinking(Events.T0, "llm"));
      d.view().render();
      assertThat(screen.text()).contains("thinking (llm)…").contains("cycle 2").contains("running");
      feed(d.listener(), Events.decision(2, "ETHUSDT is overbought; holding this cycle.", List.of()));
      d.view().render();
      String text = screen.text();
      assertThat(text).doesNotContain("thinking (llm)");
      assertThat(text.indexOf("ETHUSDT is overbought")).isLessThan(text.indexOf("Cycle 1: BTCUSDT"));
    }
  }

  @Test
  void aRejectedVerdictShowsItsRuleAndReason() throws IOException {
    try (VirtualScreen screen = new VirtualScreen(80, 24)) {
      Dashboard d = dashboard(screen, false);
      feed(d.listener(), Events.started(1), Events.rejected(1, "PEPEUSDT", "max_open_positions",
          "3 positions open, the limit is 3"));
      d.view().render();
      assertThat(screen.text()).contains("✗ risk rejected BUY PEPEUSDT [max_open_positions] 3 positions open,");
      assertThat(screen.text()).contains("the limit is 3");
    }
  }

  @Test
  void theSparklineFollowsEquity() throws IOException {
    try (VirtualScreen screen = new VirtualScreen(80, 24)) {
      Dashboard d = dashboard(screen, false);
      oneCycle(d.listener(), 1, "1000");
      oneCycle(d.listener(), 2, "1000");
      d.view().render();
      String flat = sparkRow(screen.text());
      assertThat(flat).contains("▁▁").doesNotContain("█");
      oneCycle(d.listener(), 3, "1010");
      d.view().render();
      String rising = sparkRow(screen.text());
      assertThat(rising).isNotEqualTo(flat).contains("▁▁█");
      assertThat(screen.text()).contains("Equity  1,010.00").contains("▲ +1.00%");
    }
  }

  private static String sparkRow(String text) {
    return text.lines().filter(l -> l.contains("▁")).findFirst().orElseThrow();
  }

  @Test
  void aResizeRedrawsForTheNewSize() throws IOException {
    try (VirtualScreen screen = new VirtualScreen(80, 24)) {
      Dashboard d = dashboard(screen, false);
      oneCycle(d.listener(), 1, "1000.19");
      d.view().render();
      assertThat(row(screen.text(), "Thoughts")).doesNotContain("Portfolio");
      screen.resize(120, 40);
      d.view().render();
      assertThat(screen.text().lines().count()).isEqualTo(40);
      assertThat(row(screen.text(), "Thoughts")).contains("Portfolio");
      assertThat(screen.text()).contains("BTCUSDT breaks out").contains("Equity  1,000.19")
          .contains("trades  3 / 20").contains("Positions");
    }
  }

  private static String row(String text, String marker) {
    return text.lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
  }

  @Test
  void tinyScreensRenderWithoutExceptions() throws IOException {
    try (VirtualScreen screen = new VirtualScreen(40, 10)) {
      Dashboard d = dashboard(screen, true);
      oneCycle(d.listener(), 1, "1000.19");
      d.view().render();
      assertThat(screen.text()).contains("LIVE");
    }
    DashboardState state = new DashboardState(new DashboardSnapshot.Header(false, "m", "b", Duration.ZERO), wall::get);
    for (int cycle = 1; cycle <= 3; cycle++) {
      AgentListener l = state::apply;
      oneCycle(l, cycle, "100" + cycle);
    }
    for (int columns = 0; columns <= 45; columns++) {
      for (int rows = 0; rows <= 12; rows++) {
        int c = columns;
        int r = rows;
        assertThatCode(() -> {
          List<AttributedString> lines = ScreenLayout.render(state.snapshot(), c, r, 0);
          assertThat(lines).hasSizeLessThanOrEqualTo(r);
          lines.forEach(line -> assertThat(line.columnLength()).isLessThanOrEqualTo(c));
        }).as(columns + "x" + rows).doesNotThrowAnyException();
      }
    }
  }

  @Test
  void theCountdownFollowsTheInjectedWallClock() throws IOException {
    try (VirtualScreen screen = new VirtualScreen(80, 24)) {
      Dashboard d = dashboard(screen, false);
      oneCycle(d.listener(), 1, "1000");
      wall.addAndGet(12_000);
      d.view().render();
      assertThat(screen.text()).contains("next in 0:18");
    }
  }

  @Test
  void warningsReachTheHealthLine() throws IOException {
    try (VirtualScreen screen = new VirtualScreen(80, 24)) {
      Dashboard d = dashboard(screen, false);
      feed(d.listener(), Events.notice("WARN", "exchange trouble, holding this cycle: timeout"));
      d.view().render();
      assertThat(row(screen.text(), "health")).contains("▲ exchange trouble, holding this cycle: timeout");
    }
  }
}
