package io.ottertrend.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup of the CLI tests that run {@code --brain llm} against a local server scripted like Groq (see {@code
 * GroqFake}): a fresh loopback server per test, and the environment that points the CLI at it with a test key.
 */
abstract class GroqCliTest {
  static final String KEY = "gsk_test_key_0123456789abcdef";
  @TempDir Path dir;
  MockWebServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
  }

  /** The key, the server's base URL and a short timeout, as a user would export them. */
  Map<String, String> env() {
    return Map.of("GROQ_API_KEY", KEY, "LLM_BASE_URL", server.url("/openai/v1").toString().replaceAll("/$", ""),
        "LLM_TIMEOUT", "5s");
  }
}
