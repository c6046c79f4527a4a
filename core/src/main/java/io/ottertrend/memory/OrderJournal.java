package io.ottertrend.memory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The order intent journal of {@link InMemoryMemory}, indexed so the hot reads cost what they return: by
 * client order id (O(1)), by creation (recent orders: O(log n + limit)) and by state (orders in a state:
 * O(log n + matches), never a scan of finished orders). Both sorted indexes use SQLite's order,
 * {@code created_at} then insertion. Not thread-safe: used only under {@link InMemoryMemory}'s lock.
 */
final class OrderJournal {
  /** One journalled order; {@code current} changes on update, {@code key} never does. */
  private static final class Slot {
    private final TimeKey key;
    private JournaledOrder current;

    private Slot(TimeKey key, JournaledOrder current) {
      this.key = key;
      this.current = current;
    }
  }

  private final UndoLog undo;
  private final Map<String, Slot> byId = new HashMap<>();
  private final TreeMap<TimeKey, Slot> byCreation = new TreeMap<>();
  private final EnumMap<OrderState, TreeMap<TimeKey, Slot>> byState = new EnumMap<>(OrderState.class);
  private final IdSequence rowids;

  OrderJournal(UndoLog undo) {
    this.undo = undo;
    this.rowids = new IdSequence(undo);
    for (OrderState state : OrderState.values()) {
      byState.put(state, new TreeMap<>());
    }
  }

  boolean contains(String clientOrderId) {
    return byId.containsKey(clientOrderId);
  }

  /** Adds an intent whose id is not journalled yet (the caller checked). */
  void add(JournaledOrder order) {
    Slot slot = new Slot(new TimeKey(order.createdAt(), rowids.next()), order);
    byId.put(order.clientOrderId(), slot);
    byCreation.put(slot.key, slot);
    byState.get(order.state()).put(slot.key, slot);
    undo.add(new Runnable() { // a class, not a lambda: see InMemoryMemory#lockOpen
      @Override
      public void run() {
        byId.remove(order.clientOrderId());
        byCreation.remove(slot.key);
        byState.get(slot.current.state()).remove(slot.key);
      }
    });
  }

  /**
   * Applies an update; {@code null} arguments keep the stored value.
   *
   * @return false when the id is unknown
   */
  boolean update(String clientOrderId, OrderState state, String exchangeOrderId, BigDecimal executedQty,
      BigDecimal cumulativeQuote, String reason, long at) {
    Slot slot = byId.get(clientOrderId);
    if (slot == null) {
      return false;
    }
    JournaledOrder old = slot.current;
    JournaledOrder updated = new JournaledOrder(old.clientOrderId(), old.runId(), old.exchange(), old.symbol(),
        old.side(), old.type(), old.quantity(), old.quoteQuantity(), old.price(), orElse(state, old.state()),
        orElse(exchangeOrderId, old.exchangeOrderId()), orElse(executedQty, old.executedQty()),
        orElse(cumulativeQuote, old.cumulativeQuote()), old.purpose(), orElse(reason, old.reason()),
        old.decisionId(), old.createdAt(), at, old.external());
    replace(slot, updated);
    undo.add(new Runnable() {
      @Override
      public void run() {
        replace(slot, old);
      }
    });
    return true;
  }

  private void replace(Slot slot, JournaledOrder order) {
    OrderState before = slot.current.state();
    slot.current = order;
    if (before != order.state()) {
      byState.get(before).remove(slot.key);
      byState.get(order.state()).put(slot.key, slot);
    }
  }

  private static <T> T orElse(T value, T stored) {
    return value == null ? stored : value;
  }

  Optional<JournaledOrder> get(String clientOrderId) {
    Slot slot = byId.get(clientOrderId);
    return slot == null ? Optional.empty() : Optional.of(slot.current);
  }

  /** Orders in any of {@code states} ({@code null} elements match nothing), oldest first. */
  List<JournaledOrder> inStates(Collection<OrderState> states) {
    EnumSet<OrderState> wanted = EnumSet.noneOf(OrderState.class);
    for (OrderState state : states) {
      if (state != null) {
        wanted.add(state);
      }
    }
    if (wanted.size() == 1) {
      return values(byState.get(wanted.iterator().next()).values());
    }
    List<Slot> slots = new ArrayList<>();
    for (OrderState state : wanted) {
      slots.addAll(byState.get(state).values());
    }
    slots.sort((a, b) -> a.key.compareTo(b.key));
    return values(slots);
  }

  /** Up to {@code limit} orders (all when negative), most recently created first. */
  List<JournaledOrder> newestFirst(int limit) {
    List<JournaledOrder> out = new ArrayList<>();
    for (Slot slot : byCreation.descendingMap().values()) {
      if (limit >= 0 && out.size() >= limit) {
        break;
      }
      out.add(slot.current);
    }
    return Collections.unmodifiableList(out);
  }

  private static List<JournaledOrder> values(Collection<Slot> slots) {
    List<JournaledOrder> out = new ArrayList<>(slots.size());
    for (Slot slot : slots) {
      out.add(slot.current);
    }
    return Collections.unmodifiableList(out);
  }
}
