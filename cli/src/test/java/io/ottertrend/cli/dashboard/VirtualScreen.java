package io.ottertrend.cli.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.builtins.ScreenTerminal;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A jline {@link Terminal} whose output is interpreted by jline's screen emulator ({@link ScreenTerminal}), so
 * tests assert what a user would see, and whose keys are typed through a pipe. Test helper; not thread-safe
 * beyond what the emulator itself guarantees.
 */
final class VirtualScreen implements AutoCloseable {
  private final ScreenTerminal screen;
  private final ExternalTerminal terminal;
  private final PipedOutputStream keys;

  VirtualScreen(int columns, int rows) throws IOException {
    screen = new ScreenTerminal(columns, rows);
    keys = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keys);
    terminal = new ExternalTerminal("virtual", "screen-256color", in, new ScreenOutput(screen),
        StandardCharsets.UTF_8);
    terminal.setSize(new Size(columns, rows));
  }

  Terminal terminal() {
    return terminal;
  }

  /** The screen's text, one line per row (trailing blanks kept as the emulator keeps them). */
  String text() {
    return screen.toString();
  }

  /** Resizes the emulated screen and the terminal, and raises WINCH like a real terminal would. */
  void resize(int columns, int rows) {
    screen.setSize(columns, rows);
    terminal.setSize(new Size(columns, rows));
    terminal.raise(Terminal.Signal.WINCH);
  }

  /** Types {@code text} as keys. */
  void type(String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  /** Ends the keyboard (end of input). */
  void closeKeys() throws IOException {
    keys.close();
  }

  @Override
  public void close() throws IOException {
    terminal.close();
  }

  /** Decodes UTF-8 on flush and writes it into the emulator (multi-byte characters may span writes). */
  private static final class ScreenOutput extends OutputStream {
    private final ScreenTerminal screen;
    private static final String ACS = "qxlkmjtuvwn";
    private static final String UNICODE = "─│┌┐└┘├┤┴┬┼";
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean lineDrawing;

    ScreenOutput(ScreenTerminal screen) {
      this.screen = screen;
    }

    @Override
    public synchronized void write(int b) {
      pending.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
      byte[] bytes = pending.toByteArray();
      int complete = completeUtf8Prefix(bytes);
      screen.write(lineDrawing(new String(bytes, 0, complete, StandardCharsets.UTF_8)));
      pending.reset();
      pending.write(bytes, complete, bytes.length - complete);
    }

    /**
     * jline draws box lines with the VT100 line-drawing set ({@code ESC ( 0} ... {@code ESC ( B}) where the
     * terminal declares it, as real terminals expect; the emulator does not switch sets, so map them here.
     * Escape sequences pass through untouched (their letters are not line-drawing characters).
     */
    private String lineDrawing(String text) {
      StringBuilder out = new StringBuilder(text.length());
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == 27 && i + 2 < text.length() && text.charAt(i + 1) == '(') {
          lineDrawing = text.charAt(i + 2) == '0';
          i += 3;
          continue;
        }
        if (c == 27 && i + 1 < text.length() && text.charAt(i + 1) == '[') {
          int end = i + 2;
          while (end < text.length() && (text.charAt(end) < 0x40 || text.charAt(end) > 0x7E)) {
            end++;
          }
          out.append(text, i, Math.min(text.length(), end + 1));
          i = end + 1;
          continue;
        }
        int mapped = lineDrawing ? ACS.indexOf(c) : -1;
        out.append(mapped >= 0 ? UNICODE.charAt(mapped) : c);
        i++;
      }
      return out.toString();
    }

    private static int completeUtf8Prefix(byte[] bytes) {
      int i = bytes.length;
      int back = 0;
      while (i > 0 && back < 4 && (bytes[i - 1] & 0xC0) == 0x80) {
        i--;
        back++;
      }
      if (i == 0) {
        return bytes.length;
      }
      int lead = bytes[i - 1] & 0xFF;
      int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
      return need > back ? i - 1 : bytes.length;
    }
  }
}
