package io.ottertrend.memory;

import java.math.BigDecimal;

/** Equity of a run at a time: cash plus positions at their marks. */
public record EquityPoint(long runId, long at, BigDecimal equity, BigDecimal cash) {}
