package io.ottertrend.model;

/** Whether a symbol trades. MEXC sends "1" (online), "2" (paused) and "3" (offline). */
public enum SymbolStatus {
  TRADING,
  PAUSED,
  OFFLINE
}
