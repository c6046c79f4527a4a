package io.ottertrend.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottertrend.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RegistryTest {
  interface Greeter { String greet(); }
  interface Rule { String name(); }
  record Named(String name) implements Rule {}
  record A(B b) {}
  record B(A a) {}

  @Test
  void singletonsAreCreatedLazilyOnce() {
    AtomicInteger made = new AtomicInteger();
    Registry r = Registry.create(Settings.defaults()).bind(Greeter.class, reg -> {
      made.incrementAndGet();
      return () -> "hi";
    });
    assertThat(made).hasValue(0);
    assertThat(r.get(Greeter.class).greet()).isEqualTo("hi");
    assertThat(r.get(Greeter.class)).isSameAs(r.get(Greeter.class));
    assertThat(made).hasValue(1);
    assertThat(r.has(Greeter.class)).isTrue();
    assertThat(r.has(Rule.class)).isFalse();
  }

  @Test
  void namedChoicesAndUnknownNamesListTheKnownOnes() {
    Registry r = Registry.create(Settings.defaults())
        .bindNamed(Greeter.class, "mexc", reg -> () -> "mexc")
        .bindNamed(Greeter.class, "paper", reg -> () -> "paper");
    assertThat(r.named(Greeter.class, "paper").greet()).isEqualTo("paper");
    assertThat(r.names(Greeter.class)).containsExactly("mexc", "paper");
    assertThatThrownBy(() -> r.named(Greeter.class, "binance"))
        .isInstanceOf(RegistryException.class).hasMessageContaining("known: [mexc, paper]");
  }

  @Test
  void multiBindingsKeepOrderAndCanBeCleared() {
    Registry r = Registry.create(Settings.defaults())
        .add(Rule.class, reg -> new Named("first"))
        .addInstance(Rule.class, new Named("second"));
    assertThat(r.all(Rule.class)).extracting(Rule::name).containsExactly("first", "second");
    assertThat(r.all(Rule.class).get(0)).isSameAs(r.all(Rule.class).get(0));
    r.add(Rule.class, reg -> new Named("third"));
    assertThat(r.all(Rule.class)).hasSize(3);
    r.clearAll(Rule.class);
    assertThat(r.all(Rule.class)).isEmpty();
  }

  @Test
  void factoriesResolveDependenciesAndCyclesAreReported() {
    Registry r = Registry.create(Settings.defaults())
        .bind(A.class, reg -> new A(reg.get(B.class)))
        .bind(B.class, reg -> new B(reg.get(A.class)));
    assertThatThrownBy(() -> r.get(A.class)).isInstanceOf(RegistryException.class)
        .hasMessageContaining("dependency cycle").hasMessageContaining("A -> B -> A");
  }

  @Test
  void missingBindingAndFailingFactoryGiveClearErrors() {
    Registry r = Registry.create(Settings.defaults())
        .bind(Greeter.class, reg -> { throw new IllegalStateException("no network"); });
    assertThatThrownBy(() -> r.get(Rule.class)).hasMessageContaining("nothing bound for Rule");
    assertThatThrownBy(() -> r.get(Greeter.class)).hasMessageContaining("cannot create Greeter: no network")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> r.bindNamed(Greeter.class, "", reg -> () -> "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rebindingReplacesForLaterLookupsAndCloseClosesNewestFirst() {
    List<String> closed = new ArrayList<>();
    class Res implements AutoCloseable, Greeter {
      final String n;
      Res(String n) { this.n = n; }
      public String greet() { return n; }
      public void close() { closed.add(n); }
    }
    Registry r = Registry.create(Settings.defaults()).bind(Greeter.class, reg -> new Res("one"));
    assertThat(r.get(Greeter.class).greet()).isEqualTo("one");
    r.bind(Greeter.class, reg -> new Res("two"));
    assertThat(r.get(Greeter.class).greet()).isEqualTo("two");
    r.close();
    assertThat(closed).containsExactly("two", "one");
    assertThat(r.settings()).isNotNull();
  }
}
