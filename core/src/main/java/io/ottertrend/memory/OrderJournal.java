package io.ottertrend.memory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order intent journal of {@link InMemoryMemory}, indexed so the hot reads cost what they return: by client
 * order id (O(1)), by state (orders in a state: O(matches), never a scan of finished orders) and by creation. Both
 * orders are SQLite's, {@code created_at} then insertion, and are put in order when read rather than kept in
 * balanced trees on every write: a write is a hash-set move (the states a cycle asks for hold a few orders, the
 * finished ones grow with the run), and each state's sorted list is kept until an order enters or leaves it. Every
 * order in journal order, as recent orders are read, is an array appended to (journal order is creation order but
 * for a clock that stepped back) and sorted only when it is not. Not thread-safe: used only under
 * {@link InMemoryMemory}'s lock.
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

  private static final Comparator<Slot> BY_KEY = new Comparator<>() {
    @Override
    public int compare(Slot a, Slot b) {
      return a.key.compareTo(b.key);
    }
  };

  /** The orders of one state, sorted by key when first read after a change. */
  private static final class StateIndex {
    private final Set<Slot> slots = new HashSet<>();
    private List<Slot> sorted;

    void add(Slot s) {
      slots.add(s);
      sorted = null;
    }

    void remove(Slot s) {
      slots.remove(s);
      sorted = null;
    }

    List<Slot> sorted() {
      if (sorted == null) {
        List<Slot> out = new ArrayList<>(slots);
        out.sort(BY_KEY);
        sorted = out;
      }
      return sorted;
    }
  }

  private final UndoLog undo;
  private final Map<String, Slot> byId = new HashMap<>();
  /** Every slot; in key order unless {@link #creationSorted} is false. */
  private final ArrayList<Slot> byCreation = new ArrayList<>();
  private boolean creationSorted = true;
  private final EnumMap<OrderState, StateIndex> byState = new EnumMap<>(OrderState.class);
  private final IdSequence rowids;

  OrderJournal(UndoLog undo) {
    this.undo = undo;
    this.rowids = new IdSequence(undo);
    for (OrderState state : OrderState.values()) {
      byState.put(state, new StateIndex());
    }
  }

  boolean contains(String clientOrderId) {
    return byId.containsKey(clientOrderId);
  }

  /** Adds an intent whose id is not journalled yet (the caller checked). */
  void add(JournaledOrder order) {
    Slot slot = new Slot(new TimeKey(order.createdAt(), rowids.next()), order);
    byId.put(order.clientOrderId(), slot);
    if (!byCreation.isEmpty() && byCreation.get(byCreation.size() - 1).key.compareTo(slot.key) > 0) {
      creationSorted = false;
    }
    byCreation.add(slot);
    byState.get(order.state()).add(slot);
    undo.add(new Runnable() { // a class, not a lambda: see InMemoryMemory#lockOpen
      @Override
      public void run() {
        byId.remove(order.clientOrderId());
        int at = byCreation.lastIndexOf(slot); // the newest: the last unless sorted since
        if (at >= 0) {
          byCreation.remove(at);
        }
        byState.get(slot.current.state()).remove(slot);
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

  /**
   * Links the order to {@code decisionId} unless it has a decision already.
   *
   * @return false when the id is unknown
   */
  boolean linkDecision(String clientOrderId, long decisionId) {
    Slot slot = byId.get(clientOrderId);
    if (slot == null) {
      return false;
    }
    JournaledOrder old = slot.current;
    if (old.decisionId() == null) {
      replace(slot, new JournaledOrder(old.clientOrderId(), old.runId(), old.exchange(), old.symbol(), old.side(),
          old.type(), old.quantity(), old.quoteQuantity(), old.price(), old.state(), old.exchangeOrderId(),
          old.executedQty(), old.cumulativeQuote(), old.purpose(), old.reason(), decisionId, old.createdAt(),
          old.updatedAt(), old.external()));
      undo.add(() -> replace(slot, old));
    }
    return true;
  }

  private void replace(Slot slot, JournaledOrder order) {
    OrderState before = slot.current.state();
    slot.current = order;
    if (before != order.state()) {
      byState.get(before).remove(slot);
      byState.get(order.state()).add(slot);
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
    List<Slot> slots = new ArrayList<>();
    int nonEmpty = 0;
    for (OrderState state : wanted) {
      StateIndex index = byState.get(state);
      if (!index.slots.isEmpty()) {
        nonEmpty++;
        slots.addAll(index.sorted());
      }
    }
    if (nonEmpty > 1) {
      slots.sort(BY_KEY); // each state's slots are sorted already: a merge, for the list sort
    }
    return values(slots);
  }

  /** Up to {@code limit} orders (all when negative), most recently created first. */
  List<JournaledOrder> newestFirst(int limit) {
    if (!creationSorted) {
      byCreation.sort(BY_KEY);
      creationSorted = true;
    }
    int n = limit < 0 ? byCreation.size() : Math.min(limit, byCreation.size());
    List<JournaledOrder> out = new ArrayList<>(n);
    for (int i = byCreation.size() - 1; i >= byCreation.size() - n; i--) {
      out.add(byCreation.get(i).current);
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
