package io.ottertrend.registry;

import io.ottertrend.config.Settings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A typed registry of components.
 *
 * <ul>
 *   <li>{@link #bind(Class, Function)}: one implementation per interface, created lazily once (singleton).
 *   <li>{@link #bindNamed(Class, String, Function)}: named choices; {@link #named(Class, String)} picks one.
 *   <li>{@link #add(Class, Function)}: multi-bindings, kept in insertion order, for {@link #all(Class)}.
 * </ul>
 *
 * <p>Factories receive the registry so they can ask for their own dependencies (constructor injection by
 * hand). Cycles are detected and reported with the chain of types.
 *
 * <p>Thread-safe: creation is serialised on the registry. Binding after a component was created replaces the
 * binding for later lookups only; instances already handed out are not affected. {@link #close()} closes
 * every created {@link AutoCloseable} in reverse creation order.
 */
public final class Registry implements AutoCloseable {
  private final Settings settings;
  private final Map<Key, Function<Registry, ?>> factories = new LinkedHashMap<>();
  private final Map<Key, Object> instances = new LinkedHashMap<>();
  private final Map<Class<?>, List<Function<Registry, ?>>> multi = new LinkedHashMap<>();
  private final Map<Class<?>, List<Object>> multiInstances = new LinkedHashMap<>();
  private final List<Object> created = new ArrayList<>();
  private final Deque<Key> creating = new ArrayDeque<>();

  private record Key(Class<?> type, String name) {
    @Override
    public String toString() {
      return name.isEmpty() ? type.getSimpleName() : type.getSimpleName() + "[" + name + "]";
    }
  }

  private Registry(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** An empty registry over {@code settings}. */
  public static Registry create(Settings settings) {
    return new Registry(settings);
  }

  /** The settings every factory reads. */
  public Settings settings() {
    return settings;
  }

  /** Binds the single implementation of {@code type}, created on first {@link #get(Class)}. */
  public synchronized <T> Registry bind(Class<T> type, Function<Registry, ? extends T> factory) {
    Key key = new Key(type, "");
    factories.put(key, Objects.requireNonNull(factory));
    instances.remove(key);
    return this;
  }

  /** Binds an existing instance of {@code type}. */
  public synchronized <T> Registry bindInstance(Class<T> type, T instance) {
    Objects.requireNonNull(instance, "instance");
    return bind(type, r -> instance);
  }

  /** Binds a named implementation of {@code type}, chosen with {@link #named(Class, String)}. */
  public synchronized <T> Registry bindNamed(Class<T> type, String name, Function<Registry, ? extends T> factory) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    Key key = new Key(type, name);
    factories.put(key, Objects.requireNonNull(factory));
    instances.remove(key);
    return this;
  }

  /** Adds one implementation to the multi-binding of {@code type} (e.g. a {@code RiskRule}). */
  public synchronized <T> Registry add(Class<T> type, Function<Registry, ? extends T> factory) {
    multi.computeIfAbsent(type, k -> new ArrayList<>()).add(Objects.requireNonNull(factory));
    multiInstances.remove(type);
    return this;
  }

  /** Adds an existing instance to the multi-binding of {@code type}. */
  public synchronized <T> Registry addInstance(Class<T> type, T instance) {
    Objects.requireNonNull(instance, "instance");
    return add(type, r -> instance);
  }

  /** Removes every multi-binding of {@code type}. */
  public synchronized Registry clearAll(Class<?> type) {
    multi.remove(type);
    multiInstances.remove(type);
    return this;
  }

  /**
   * The single implementation of {@code type}.
   *
   * @throws RegistryException when nothing is bound, a factory fails or a cycle is found
   */
  public synchronized <T> T get(Class<T> type) {
    return resolve(new Key(type, ""));
  }

  /** True when {@code type} has a single binding. */
  public synchronized boolean has(Class<?> type) {
    return factories.containsKey(new Key(type, ""));
  }

  /**
   * The implementation of {@code type} bound under {@code name}.
   *
   * @throws RegistryException naming the known choices when {@code name} is unknown
   */
  public synchronized <T> T named(Class<T> type, String name) {
    Key key = new Key(type, name);
    if (!factories.containsKey(key)) {
      throw new RegistryException("unknown " + type.getSimpleName() + " '" + name + "'; known: " + names(type));
    }
    return resolve(key);
  }

  /** Names bound for {@code type}, in binding order. */
  public synchronized Set<String> names(Class<?> type) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (Key k : factories.keySet()) {
      if (k.type().equals(type) && !k.name().isEmpty()) {
        names.add(k.name());
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /** Every implementation added for {@code type}, created on first call, in insertion order. */
  public synchronized <T> List<T> all(Class<T> type) {
    List<Object> existing = multiInstances.get(type);
    if (existing != null) {
      return castList(existing);
    }
    List<Object> made = new ArrayList<>();
    for (Function<Registry, ?> f : multi.getOrDefault(type, List.of())) {
      Object o = create(new Key(type, "#" + made.size()), f);
      made.add(type.cast(o));
    }
    multiInstances.put(type, List.copyOf(made));
    return castList(made);
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> castList(List<Object> list) {
    return (List<T>) List.copyOf(list);
  }

  private <T> T resolve(Key key) {
    Object existing = instances.get(key);
    if (existing != null) {
      @SuppressWarnings("unchecked")
      T t = (T) existing;
      return t;
    }
    Function<Registry, ?> factory = factories.get(key);
    if (factory == null) {
      throw new RegistryException("nothing bound for " + key + "; bind one with Registry.bind");
    }
    Object made = create(key, factory);
    instances.put(key, made);
    @SuppressWarnings("unchecked")
    T t = (T) key.type().cast(made);
    return t;
  }

  private Object create(Key key, Function<Registry, ?> factory) {
    if (creating.contains(key)) {
      StringBuilder chain = new StringBuilder();
      creating.descendingIterator().forEachRemaining(k -> chain.append(k).append(" -> "));
      throw new RegistryException("dependency cycle: " + chain + key);
    }
    creating.push(key);
    try {
      Object made = factory.apply(this);
      if (made == null) {
        throw new RegistryException("factory for " + key + " returned null");
      }
      if (!created.contains(made)) {
        created.add(made);
      }
      return made;
    } catch (RegistryException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RegistryException("cannot create " + key + ": " + e.getMessage(), e);
    } finally {
      creating.pop();
    }
  }

  /** Closes every created component that is {@link AutoCloseable}, newest first; errors are suppressed. */
  @Override
  public synchronized void close() {
    RuntimeException first = null;
    for (int i = created.size() - 1; i >= 0; i--) {
      if (created.get(i) instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          if (first == null) {
            first = new RegistryException("closing " + c.getClass().getSimpleName() + " failed: " + e.getMessage(), e);
          } else {
            first.addSuppressed(e);
          }
        }
      }
    }
    created.clear();
    instances.clear();
    multiInstances.clear();
    if (first != null) {
      throw first;
    }
  }
}
