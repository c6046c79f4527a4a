package io.ottertrend.signals.internal;

import io.ottertrend.signals.SignalException;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Runs one HTTP exchange and returns status, headers and body text. Signals sources are small documents
 * (a few hundred kilobytes at most), so bodies are read whole; anything larger is cut off.
 *
 * <p>Thread-safe: stateless.
 */
public final class Http {
  /** Cap on a body read into memory: a feed or news page is far smaller; a bigger answer is not ours. */
  public static final long MAX_BODY = 8L * 1024 * 1024;

  /** A finished exchange. */
  public record Reply(int code, okhttp3.Headers headers, String body) {
    public boolean ok() {
      return code >= 200 && code < 300;
    }
  }

  private Http() {}

  /**
   * Executes {@code request}.
   *
   * @param what short description for messages, e.g. {@code "trends explore"} (never a URL with a key)
   * @throws SignalException.Unavailable on I/O failure or timeout
   */
  public static Reply execute(OkHttpClient client, Request request, String what) {
    try (Response r = client.newCall(request).execute()) {
      ResponseBody body = r.body();
      String text = body.source().request(MAX_BODY) ? body.source().readUtf8(MAX_BODY) : body.string();
      return new Reply(r.code(), r.headers(), text);
    } catch (IOException e) {
      throw new SignalException.Unavailable(what + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }
  }
}
