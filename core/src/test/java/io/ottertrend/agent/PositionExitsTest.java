package io.ottertrend.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Stored exits ({@code <stop>|<target>|<deadline>}) read back as written, absent prices included. */
class PositionExitsTest {
  @Test
  void exitsReadBackAsWritten() {
    PositionBook.Exits both = new PositionBook.Exits(new BigDecimal("98.500"), new BigDecimal("1.2E+2"), 1234L);
    assertThat(both.format()).isEqualTo("98.500|120|1234");
    assertThat(PositionBook.Exits.parse(both.format())).isEqualTo(
        new PositionBook.Exits(new BigDecimal("98.500"), new BigDecimal("120"), 1234L));
    PositionBook.Exits none = new PositionBook.Exits(null, null, 0);
    assertThat(none.format()).isEqualTo("||0");
    assertThat(PositionBook.Exits.parse("||0")).isEqualTo(none);
    assertThat(PositionBook.Exits.parse("|5|-7")).isEqualTo(new PositionBook.Exits(null, new BigDecimal("5"), -7));
    assertThat(PositionBook.Exits.parse("5||9|ignored")).isEqualTo(new PositionBook.Exits(new BigDecimal("5"), null,
        9));
  }
}
