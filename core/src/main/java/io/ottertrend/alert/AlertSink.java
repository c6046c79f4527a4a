package io.ottertrend.alert;

/**
 * A destination for alerts (SPI). {@link Alerts} calls {@link #send} from its own thread, one alert at a time,
 * and catches whatever it throws; a sink may therefore block on I/O and throw on failure, but must not keep a
 * secret in an exception message.
 */
public interface AlertSink {

  /** Short name for logs, e.g. {@code telegram}. */
  String name();

  /**
   * Delivers one alert.
   *
   * @throws Exception when delivery failed (logged by the dispatcher, never propagated to the caller)
   */
  void send(Alert alert) throws Exception;
}
