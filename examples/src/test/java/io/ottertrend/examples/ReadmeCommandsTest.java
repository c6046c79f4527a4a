package io.ottertrend.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.cli.CliContext;
import io.ottertrend.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./ottertrend ...} command line in the README's {@code bash} blocks is either run here, in-process
 * and in README order in one fresh folder, and must exit 0, or is recognised as needing the network or real
 * money ({@code run}, {@code scan}, {@code data fetch}, {@code paper} without {@code --market synthetic} or with
 * the LLM brain) and is only parsed. Pipes and process substitutions are cut to the {@code ottertrend} part.
 */
class ReadmeCommandsTest {
  @TempDir Path dir;

  /** The {@code ottertrend} arguments of every command line in the README's bash blocks, in order. */
  static List<List<String>> commandLines(String readme) {
    List<List<String>> out = new ArrayList<>();
    boolean inBash = false;
    for (String raw : readme.split("\n", -1)) {
      String line = raw.strip();
      if (line.startsWith("```")) {
        inBash = !inBash && line.equals("```bash");
        continue;
      }
      if (!inBash) {
        continue;
      }
      int hash = line.indexOf(" #");
      if (hash >= 0) {
        line = line.substring(0, hash).strip();
      }
      int at = line.indexOf("./ottertrend");
      if (at < 0 || !(at == 0 || line.substring(0, at).strip().equals("source <("))) {
        continue;
      }
      String command = line.substring(at + "./ottertrend".length());
      for (String cut : new String[] {"|", ")", ">", "&&"}) {
        int c = command.indexOf(cut);
        if (c >= 0) {
          command = command.substring(0, c);
        }
      }
      List<String> args = new ArrayList<>();
      for (String a : command.strip().split("\\s+")) {
        if (!a.isEmpty()) {
          args.add(a.replace("'", "").replace("\"", ""));
        }
      }
      out.add(args);
    }
    return out;
  }

  /** True for commands that need the network or move real money: they are not run by the test suite. */
  static boolean needsNetworkOrMoney(List<String> args) {
    if (args.isEmpty()) {
      return false;
    }
    String joined = String.join(" ", args).replace("=", " ");
    return switch (args.get(0)) {
      case "run", "scan" -> true;
      case "data" -> args.size() > 1 && args.get(1).equals("fetch");
      case "paper" -> !joined.contains("--market synthetic") || joined.contains("--brain llm");
      default -> false;
    };
  }

  @Test
  void theReadmeHasTheSetUpCommandsAndTheOfflineOnesRunAndExitZero() {
    List<List<String>> lines = commandLines(Readme.text());
    assertThat(lines).contains(List.of("paper", "--market", "synthetic", "--cycles", "30", "--plain"))
        .contains(List.of("status")).contains(List.of("generate-completion"));
    int ran = 0;
    for (List<String> args : lines) {
      if (needsNetworkOrMoney(args)) {
        continue;
      }
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
          new CliContext(Map.of("CI", "true"), dir, false));
      assertThat(code).as("./ottertrend %s exits 0; stderr: %s", String.join(" ", args), err).isZero();
      ran++;
    }
    assertThat(ran).isGreaterThanOrEqualTo(4);
  }

  @Test
  void theExtractorCutsCommentsPipesAndProcessSubstitutions() {
    String md = "```bash\n./ottertrend status --json | jq .equity   # equity\nsource <(./ottertrend generate-completion)\n"
        + "echo hi\n```\n```text\n./ottertrend run\n```\n";
    assertThat(commandLines(md)).containsExactly(List.of("status", "--json"), List.of("generate-completion"));
    assertThat(needsNetworkOrMoney(List.of("paper", "--market=synthetic"))).isFalse();
    assertThat(needsNetworkOrMoney(List.of("paper", "--brain", "llm", "--market", "synthetic"))).isTrue();
    assertThat(needsNetworkOrMoney(List.of("run", "--live"))).isTrue();
  }
}
