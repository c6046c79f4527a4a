package io.ottertrend.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.model.Fill;
import io.ottertrend.model.OrderType;
import io.ottertrend.model.Side;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test: one seeded random sequence of writes (orders, fills with duplicates, trades, positions,
 * state and CAS, the append-only tables, rule breakers, transactions that fail, nested ones) is applied to a
 * {@link SqliteMemory} (the reference) and to an {@link InMemoryMemory}. After every step each write's
 * outcome (its result, or the kind of exception) and every read method's answer must be equal, records and
 * their decimals' scales included.
 */
class InMemoryMatchesSqliteMemoryTest {
  private static final long SEED = 0x07743E5DL;
  private static final int STEPS = 2_000;

  private static final List<String> EXCHANGES = List.of("paper", "mexc");
  private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
  private static final List<String> KEYS = List.of("risk.day", "risk.trades", "halt", "halt.reason", "x");
  private static final List<String> VALUES = List.of("v0", "v1", "v2");
  private static final List<String> KINDS = List.of("trends", "news");
  private static final List<String> HASHES = List.of("h0", "h1", "h2");
  private static final int ORDER_IDS = 25;
  private static final int TRADE_IDS = 60;

  private static final MemoryReads READS = new MemoryReads(List.of(1L, 2L, 3L, 4L, 5L, 41L), orderIds(), EXCHANGES,
      SYMBOLS, List.of(0L, 40L, 80L), KINDS, KEYS, List.of("", "risk.", "halt", "zzz"), HASHES);

  @TempDir Path dir;

  /** A write to apply to both memories; {@code description} names it in a failure message. */
  private record Op(String description, Function<Memory, Object> action) {}

  @Test
  void everyReadAgreesAfterEveryStep() {
    Operations operations = new Operations(new Random(SEED));
    try (SqliteMemory reference = SqliteMemory.openScratch(dir.resolve("reference.db"));
        InMemoryMemory memory = InMemoryMemory.create()) {
      for (Memory m : List.of(reference, memory)) {
        for (int run = 1; run <= 3; run++) {
          m.startRun(new RunInfo("backtest", "synthetic", "rules", "paper", "0.1", "cfg", null), 0);
        }
      }
      for (int step = 0; step < STEPS; step++) {
        Op op = operations.next();
        Object expected = outcome(reference, op);
        Object actual = outcome(memory, op);
        assertThat(actual).as("outcome of step %d: %s", step, op.description()).isEqualTo(expected);
        assertThat(READS.of(memory)).as("reads after step %d: %s", step, op.description())
            .isEqualTo(READS.of(reference));
      }
      // the sequence must have exercised what it claims to, or equal reads prove little
      assertThat(memory.recentOrders(-1)).hasSizeGreaterThan(ORDER_IDS / 2);
      assertThat(memory.fills("paper", null, Long.MIN_VALUE)).hasSizeGreaterThan(TRADE_IDS / 4);
      assertThat(memory.trades(null, -1)).hasSizeGreaterThan(50);
      assertThat(operations.rolledBack).isGreaterThan(50);
    }
  }

  private static Object outcome(Memory memory, Op op) {
    try {
      return op.action().apply(memory);
    } catch (MemoryException e) {
      return "MemoryException " + e.kind();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + " " + e.getMessage();
    }
  }

  private static List<String> orderIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i <= ORDER_IDS; i++) { // one more than ever journalled: an unknown id
      ids.add("c-" + i);
    }
    return ids;
  }

  /** Draws random operations; every random choice is made when the operation is drawn, not when applied. */
  private static final class Operations {
    private final Random random;
    private int rolledBack;

    Operations(Random random) {
      this.random = random;
    }

    Op next() {
      return random.nextInt(100) < 8 ? transaction() : single();
    }

    /** Several writes in one transaction, sometimes partly in a nested one, failing half of the time. */
    private Op transaction() {
      List<Op> ops = new ArrayList<>();
      int count = 1 + random.nextInt(6);
      for (int i = 0; i < count; i++) {
        ops.add(single());
      }
      boolean fails = random.nextBoolean();
      int nestedFrom = random.nextInt(3) == 0 ? random.nextInt(count) : count;
      if (fails) {
        rolledBack++;
      }
      String description = (fails ? "failing " : "") + "transaction (nested from " + nestedFrom + ") of "
          + ops.stream().map(Op::description).toList();
      return new Op(description, m -> m.inTransaction(() -> {
        List<Object> outcomes = new ArrayList<>();
        for (Op op : ops.subList(0, nestedFrom)) {
          outcomes.add(outcome(m, op));
        }
        if (nestedFrom < count) {
          outcomes.add(m.inTransaction(() -> {
            List<Object> inner = new ArrayList<>();
            for (Op op : ops.subList(nestedFrom, count)) {
              inner.add(outcome(m, op));
            }
            return inner;
          }));
        }
        if (fails) {
          throw new IllegalStateException("rolled back");
        }
        return outcomes;
      }));
    }

    private Op single() {
      int pick = random.nextInt(100);
      if (pick < 15) {
        return journal();
      } else if (pick < 27) {
        return updateOrder();
      } else if (pick < 42) {
        return recordFill();
      } else if (pick < 48) {
        return recordTrade();
      } else if (pick < 56) {
        return upsertPosition();
      } else if (pick < 61) {
        String exchange = pick(EXCHANGES);
        String symbol = pick(SYMBOLS);
        return new Op("removePosition " + exchange + " " + symbol, m -> {
          m.removePosition(exchange, symbol);
          return null;
        });
      } else if (pick < 75) {
        return state();
      } else if (pick < 79) {
        EquityPoint point = new EquityPoint(1 + random.nextInt(4), random.nextInt(20), decimal(), decimal());
        return new Op("recordEquity " + point, m -> {
          m.recordEquity(point);
          return null;
        });
      } else if (pick < 82) {
        DecisionRecord d = new DecisionRecord(0, runId(), time(), "hash", pick(List.of("rules", "llm-json")),
            "t" + random.nextInt(9), "[]", null, random.nextInt(100), random.nextInt(100), random.nextInt(9), "OK");
        return new Op("recordDecision " + d, m -> m.recordDecision(d));
      } else if (pick < 85) {
        Long run = runId();
        long at = time();
        String message = random.nextInt(20) == 0 ? null : "m" + random.nextInt(9);
        return new Op("log " + run + " " + at + " " + message, m -> {
          m.log(run, at, "INFO", "loop", message);
          return null;
        });
      } else if (pick < 88) {
        RiskEvent e = new RiskEvent(0, runId(), time(), pick(List.of("APPROVE", "SHRINK", "REJECT", "MAYBE")), "rule",
            null, pick(SYMBOLS), "BUY", "{}", random.nextBoolean() ? null : "{}", "c-" + random.nextInt(ORDER_IDS));
        return new Op("recordRiskEvent " + e, m -> m.recordRiskEvent(e));
      } else if (pick < 91) {
        SignalRecord s = new SignalRecord(0, time(), pick(KINDS), "src", "{\"v\":" + random.nextInt(9) + "}");
        return new Op("recordSignals " + s, m -> m.recordSignals(s));
      } else if (pick < 94) {
        LlmUsage u = new LlmUsage(runId(), time(), pick(HASHES), random.nextBoolean(), random.nextInt(500),
            random.nextInt(100));
        return new Op("recordLlmUsage " + u, m -> {
          m.recordLlmUsage(u);
          return null;
        });
      } else if (pick < 96) {
        LlmCall c = new LlmCall(pick(HASHES), "model", "{q}", "{a" + random.nextInt(9) + "}", 1, 2, 3, time());
        return new Op("recordLlmCall " + c, m -> {
          m.recordLlmCall(c);
          return null;
        });
      } else if (pick < 97) {
        String key = pick(KEYS);
        String value = pick(VALUES);
        return new Op("putConfig " + key + " " + value, m -> {
          m.putConfig(key, value, 0);
          return null;
        });
      } else if (pick < 98) {
        RunInfo info = new RunInfo("backtest", "synthetic", "rules", pick(EXCHANGES), "0.1", "cfg",
            random.nextBoolean() ? null : (long) random.nextInt(99));
        long at = time();
        return new Op("startRun " + info, m -> m.startRun(info, at));
      } else {
        long run = 1 + random.nextInt(5);
        String status = pick(List.of("STOPPED", "FAILED", "COMPLETED"));
        long at = time();
        return new Op("finishRun " + run + " " + status, m -> {
          m.finishRun(run, status, at);
          return null;
        });
      }
    }

    private Op journal() {
      JournaledOrder o = new JournaledOrder("c-" + random.nextInt(ORDER_IDS), runId(), pick(EXCHANGES),
          pick(SYMBOLS), pick(List.of(Side.BUY, Side.SELL)), pick(List.of(OrderType.LIMIT, OrderType.MARKET)),
          maybe(this::decimal), maybe(this::decimal), maybe(this::decimal), pick(List.of(OrderState.values())),
          maybe(() -> "ex-" + random.nextInt(9)), maybe(this::decimal), maybe(this::decimal),
          maybe(() -> "EXIT"), maybe(() -> "why"), maybe(() -> (long) random.nextInt(9)), time(), time(),
          random.nextBoolean());
      return new Op("journal " + o, m -> {
        m.journal(o);
        return null;
      });
    }

    private Op updateOrder() {
      String id = "c-" + random.nextInt(ORDER_IDS + 1);
      OrderState state = maybe(() -> pick(List.of(OrderState.values())));
      String exchangeOrderId = maybe(() -> "ex-" + random.nextInt(9));
      BigDecimal executed = maybe(this::decimal);
      BigDecimal quote = maybe(this::decimal);
      String reason = maybe(() -> "r" + random.nextInt(9));
      long at = time();
      return new Op("updateOrder " + id + " " + state + " " + exchangeOrderId + " " + executed + " " + quote + " "
          + reason, m -> {
            m.updateOrder(id, state, exchangeOrderId, executed, quote, reason, at);
            return null;
          });
    }

    private Op recordFill() {
      String exchange = random.nextInt(50) == 0 ? null : pick(EXCHANGES);
      Long run = runId();
      Fill f = new Fill(pick(SYMBOLS), "t-" + random.nextInt(TRADE_IDS), maybe(() -> "o-" + random.nextInt(9)),
          maybe(() -> "c-" + random.nextInt(ORDER_IDS)), pick(List.of(Side.BUY, Side.SELL)), decimal(), decimal(),
          maybe(this::decimal), maybe(this::decimal), maybe(() -> "BTC"), random.nextBoolean(), time());
      return new Op("recordFill " + exchange + " " + run + " " + f, m -> m.recordFill(exchange, run, f));
    }

    private Op recordTrade() {
      long opened = time();
      TradeRecord t = new TradeRecord(0, runId(), pick(EXCHANGES), pick(SYMBOLS), decimal(), decimal(), decimal(),
          opened, opened + random.nextInt(20), decimal(), decimal(), random.nextInt(30) == 0 ? null : "SIGNAL");
      return new Op("recordTrade " + t, m -> m.recordTrade(t));
    }

    private Op upsertPosition() {
      PositionRecord p = new PositionRecord(pick(EXCHANGES), pick(SYMBOLS), decimal(), decimal(),
          random.nextInt(30) == 0 ? null : decimal(), time(), maybe(this::decimal), maybe(this::decimal),
          random.nextInt(3), random.nextBoolean(), time());
      return new Op("upsertPosition " + p, m -> {
        m.upsertPosition(p);
        return null;
      });
    }

    private Op state() {
      String key = pick(KEYS);
      int what = random.nextInt(10);
      if (what < 4) {
        String value = random.nextInt(30) == 0 ? null : pick(VALUES);
        return new Op("putState " + key + " " + value, m -> {
          m.putState(key, value, 0);
          return null;
        });
      } else if (what < 6) {
        return new Op("deleteState " + key, m -> {
          m.deleteState(key);
          return null;
        });
      }
      String expected = random.nextInt(3) == 0 ? null : pick(VALUES);
      String value = random.nextInt(30) == 0 ? null : pick(VALUES);
      return new Op("compareAndSetState " + key + " " + expected + " " + value,
          m -> m.compareAndSetState(key, expected, value, 0));
    }

    /** A run id that usually exists (runs 1..3 are started early), sometimes null, rarely unknown. */
    private Long runId() {
      int r = random.nextInt(10);
      return r < 3 ? null : r < 9 ? Long.valueOf(1 + random.nextInt(3)) : Long.valueOf(40 + random.nextInt(3));
    }

    /** Small, so equal times (ties broken by insertion order) are common. */
    private long time() {
      return random.nextInt(100);
    }

    /** Various scales, negative ones included: SQLite hands those back with scale 0. */
    private BigDecimal decimal() {
      return new BigDecimal(BigInteger.valueOf(random.nextInt(100_000)), random.nextInt(7) - 2);
    }

    private <T> T maybe(Supplier<T> value) {
      return random.nextInt(3) == 0 ? null : value.get();
    }

    private <T> T pick(List<T> choices) {
      return choices.get(random.nextInt(choices.size()));
    }
  }
}
