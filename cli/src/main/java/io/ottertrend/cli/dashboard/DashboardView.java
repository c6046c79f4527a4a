package io.ottertrend.cli.dashboard;

import java.io.IOError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the terminal while the dashboard runs: alternate screen, raw keys, hidden cursor; a render thread that
 * draws a fresh {@link DashboardSnapshot} at most every {@value #FRAME_MILLIS} ms (and at once after a key or a
 * resize); a key thread that feeds {@link KeyHandler}.
 *
 * <p>Thread-safety: drawing is serialised on this object; the agent never touches the terminal. Rendering
 * failures are logged (once per kind of failure) and the next frame tries again; they never reach the agent.
 */
final class DashboardView implements AutoCloseable {
  static final long FRAME_MILLIS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(DashboardView.class);

  private final Terminal terminal;
  private final DashboardState state;
  private final LongSupplier wallClock;
  private final Display display;
  private final CountDownLatch dismissed = new CountDownLatch(1);
  private KeyHandler keys;
  private ScheduledExecutorService renderer;
  private Thread keyThread;
  private Attributes savedAttributes;
  private Terminal.SignalHandler savedWinch;
  private Terminal.SignalHandler savedInt;
  private Size lastSize;
  private String lastFailure;
  private volatile boolean closed;
  private boolean started;

  DashboardView(Terminal terminal, DashboardState state, LongSupplier wallClock) {
    this.terminal = terminal;
    this.state = state;
    this.wallClock = wallClock;
    this.display = new Display(terminal, true);
  }

  void keys(KeyHandler handler) {
    this.keys = handler;
  }

  /** Takes over the terminal and starts the render and key threads. */
  synchronized void start(Runnable onInterrupt) {
    if (closed) {
      return;
    }
    started = true;
    savedAttributes = terminal.enterRawMode();
    terminal.puts(Capability.enter_ca_mode);
    terminal.puts(Capability.keypad_xmit);
    terminal.puts(Capability.cursor_invisible);
    terminal.flush();
    savedWinch = terminal.handle(Terminal.Signal.WINCH, signal -> requestFrame());
    savedInt = terminal.handle(Terminal.Signal.INT, signal -> onInterrupt.run());
    renderer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ottertrend-dashboard-render"));
    renderer.scheduleWithFixedDelay(this::renderSafely, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
    keyThread = daemon(this::readKeys, "ottertrend-dashboard-keys");
    keyThread.start();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Asks the render thread for a frame now (keys, resizes). Never blocks. */
  void requestFrame() {
    ScheduledExecutorService r = renderer;
    if (r != null && !closed) {
      try {
        r.execute(this::renderSafely);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing: nothing left to draw
      }
    }
  }

  /** Draws one frame now; logs instead of throwing. */
  void renderSafely() {
    try {
      render();
    } catch (RuntimeException | IOError e) {
      String kind = e.getClass().getName() + ": " + e.getMessage();
      if (!kind.equals(lastFailure)) {
        LOG.warn("dashboard frame failed (trading goes on): {}", kind, e);
        lastFailure = kind;
      }
    }
  }

  /** Draws one frame from a fresh snapshot, redrawing everything after a resize. */
  synchronized void render() {
    if (closed) {
      return;
    }
    Size size = terminal.getSize();
    int rows = size.getRows();
    int columns = size.getColumns();
    if (rows <= 0 || columns <= 0) {
      return;
    }
    if (!size.equals(lastSize)) {
      // A resize invalidates everything the diff knows about: clear and draw in full.
      display.clear();
      display.resize(rows, columns);
      lastSize = new Size(columns, rows);
    }
    List<AttributedString> lines = ScreenLayout.render(state.snapshot(), columns, rows, wallClock.getAsLong());
    display.update(lines, 0);
    terminal.flush();
  }

  private void readKeys() {
    NonBlockingReader reader = terminal.reader();
    try {
      while (!closed) {
        int c = reader.read(FRAME_MILLIS);
        if (c == NonBlockingReader.READ_EXPIRED) {
          continue;
        }
        if (c < 0) {
          return; // end of input: no keys any more, the run goes on
        }
        if (state.isFinished()) {
          dismissed.countDown();
          continue;
        }
        if (keys != null && keys.handle(c)) {
          return;
        }
      }
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | IOError | RuntimeException e) {
      if (!closed) {
        LOG.warn("dashboard keys stopped: {}", e.toString());
      }
    }
  }

  /**
   * Shows the end of the run and waits for a key, or until {@code abort} turns true (checked every frame).
   * Returns at once when no key can come (the key thread ended, e.g. on {@code q} or end of input).
   */
  void awaitDismiss(BooleanSupplier abort) throws InterruptedException {
    state.finished();
    requestFrame();
    while (!abort.getAsBoolean() && keyThread != null && keyThread.isAlive()) {
      if (dismissed.await(FRAME_MILLIS, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  @Override
  public void close() {
    close(null);
  }

  /**
   * Stops the threads, gives the terminal back as it was and prints {@code farewell} (if any) on the normal
   * screen, through the terminal: closing a system terminal may close the process's standard output with it.
   * Idempotent.
   */
  void close(String farewell) {
    restore(farewell);
    ScheduledExecutorService r = renderer;
    if (r != null) {
      r.shutdown();
      try {
        r.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Thread k = keyThread;
    if (k != null) {
      try {
        k.join(FRAME_MILLIS * 3);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Leaves the full screen at once (no more frames) and prints {@code farewell}; the threads stop later in
   * {@link #close(String)}. Quick enough for a shutdown hook, which races jline's own hook that closes the terminal.
   * Idempotent: only the first call writes.
   */
  synchronized void restore(String farewell) {
    if (closed) {
      return;
    }
    closed = true;
    if (!started) {
      return; // never took the terminal over: nothing to give back
    }
    try {
      if (savedWinch != null) {
        terminal.handle(Terminal.Signal.WINCH, savedWinch);
      }
      if (savedInt != null) {
        terminal.handle(Terminal.Signal.INT, savedInt);
      }
      terminal.puts(Capability.cursor_visible);
      terminal.puts(Capability.keypad_local);
      terminal.puts(Capability.exit_ca_mode);
      if (farewell != null) {
        terminal.writer().println(farewell);
      }
      terminal.flush();
      if (savedAttributes != null) {
        terminal.setAttributes(savedAttributes);
      }
    } catch (RuntimeException | IOError e) {
      LOG.warn("could not restore the terminal: {}", e.toString());
    }
  }
}
