package io.ottertrend.signals.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ottertrend.signals.SentimentScore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LexiconSentimentAnalyzerTest {
  private final LexiconSentimentAnalyzer analyzer = new LexiconSentimentAnalyzer();

  @Test
  void labelledSetHasAtLeast200HeadlinesOfEveryLabel() {
    List<LabelledHeadlines.Example> set = LabelledHeadlines.load();
    assertThat(set).hasSizeGreaterThanOrEqualTo(200);
    assertThat(set).extracting(LabelledHeadlines.Example::label).contains(SentimentScore.Label.values());
  }

  @Test
  void accuracyOnTheLabelledSetIsAtLeast75Percent() {
    LabelledHeadlines.Accuracy acc = LabelledHeadlines.accuracy(analyzer);
    System.out.printf("sentiment accuracy on %d labelled headlines: %.1f %% (%d correct)%n",
        acc.total(), acc.fraction() * 100, acc.correct());
    for (LabelledHeadlines.Example e : LabelledHeadlines.load()) {
      SentimentScore s = analyzer.score(e.text());
      if (s.label() != e.label()) {
        System.out.printf("  miss: want %s got %s (%.3f) %s%n", e.label(), s.label(), s.compound(), e.text());
      }
    }
    assertThat(acc.fraction()).isGreaterThanOrEqualTo(0.75);
  }

  @Test
  void heldOutAccuracyIsReported() {
    LabelledHeadlines.Accuracy acc = LabelledHeadlines.accuracy(analyzer, LabelledHeadlines.holdout());
    System.out.printf("sentiment accuracy on %d held-out headlines: %.1f %% (%d correct)%n",
        acc.total(), acc.fraction() * 100, acc.correct());
    for (LabelledHeadlines.Example e : LabelledHeadlines.holdout()) {
      SentimentScore s = analyzer.score(e.text());
      if (s.label() != e.label()) {
        System.out.printf("  held-out miss: want %s got %s (%.3f) %s%n", e.label(), s.label(), s.compound(), e.text());
      }
    }
    assertThat(acc.total()).isGreaterThanOrEqualTo(40);
    assertThat(acc.fraction()).isGreaterThanOrEqualTo(0.60);
  }

  @Test
  void batchScoresEqualSingleScores() {
    List<String> texts = LabelledHeadlines.load().stream().map(LabelledHeadlines.Example::text).toList();
    double[] batch = analyzer.compound(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(batch[i]).as(texts.get(i)).isCloseTo(analyzer.score(texts.get(i)).compound(), within(1e-6));
    }
  }

  @Test
  void cryptoTermsCarryTheExpectedSign() {
    assertThat(analyzer.score("Token goes to the moon").compound()).isPositive();
    assertThat(analyzer.score("Developers rug pull the project").compound()).isNegative();
    assertThat(analyzer.score("Exchange hacked").compound()).isNegative();
    assertThat(analyzer.score("Airdrop announced for early users").compound()).isPositive();
    assertThat(analyzer.score("Token delisting announced").compound()).isNegative();
  }

  @Test
  void negationFlipsTheValence() {
    double plain = analyzer.score("The rally is strong").compound();
    double negated = analyzer.score("The rally is not strong").compound();
    assertThat(plain).isPositive();
    assertThat(negated).isLessThan(plain);
    assertThat(analyzer.score("Exchange was not hacked").compound()).isPositive();
    assertThat(analyzer.score("Bitcoin isn't bullish").compound()).isNegative();
  }

  @Test
  void intensifiersCapitalsAndExclamationsAddEmphasis() {
    double base = analyzer.score("Bitcoin rally continues").compound();
    assertThat(analyzer.score("Bitcoin massive rally continues").compound()).isGreaterThan(base);
    assertThat(analyzer.score("Bitcoin RALLY continues").compound()).isGreaterThan(base);
    assertThat(analyzer.score("Bitcoin rally continues!!!").compound()).isGreaterThan(base);
    assertThat(analyzer.score("Bitcoin slightly rally continues").compound()).isLessThan(base);
    // A hedged question is weaker than the statement.
    assertThat(analyzer.score("Bitcoin crash coming?").compound())
        .isGreaterThan(analyzer.score("Bitcoin crash coming").compound());
    // Acronyms are not shouting.
    assertThat(analyzer.score("SEC approves ETF").compound()).isEqualTo(analyzer.score("Sec approves etf").compound());
  }

  @Test
  void butShiftsWeightToTheSecondClause() {
    assertThat(analyzer.score("Bitcoin gains early but crashes later").compound()).isNegative();
  }

  @Test
  void emojiCountAsWords() {
    assertThat(analyzer.score("PEPE 🚀🚀").compound()).isPositive();
    assertThat(analyzer.score("PEPE 📉💀").compound()).isNegative();
  }

  @Test
  void emptyAndNeutralTextsScoreZero() {
    assertThat(analyzer.score(null)).isEqualTo(SentimentScore.NEUTRAL);
    assertThat(analyzer.score("   ")).isEqualTo(SentimentScore.NEUTRAL);
    SentimentScore s = analyzer.score("Exchange publishes quarterly report");
    assertThat(s.compound()).isZero();
    assertThat(s.neutral()).isEqualTo(1.0);
    assertThat(analyzer.compound(List.of())).isEmpty();
  }

  @Test
  void sharesSumToOne() {
    SentimentScore s = analyzer.score("Bitcoin surges but altcoins slump");
    assertThat(s.positive() + s.negative() + s.neutral()).isCloseTo(1.0, within(1e-9));
    assertThat(s.positive()).isPositive();
    assertThat(s.negative()).isPositive();
  }

  @Test
  void customLexiconIsValidated() {
    assertThat(new LexiconSentimentAnalyzer(Map.of("wen", 1.0, "wen lambo", 3.0)).score("wen lambo").compound())
        .isGreaterThan(new LexiconSentimentAnalyzer(Map.of("wen", 1.0)).score("wen lambo").compound());
    assertThatThrownBy(() -> new LexiconSentimentAnalyzer(Map.of("x", 5.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[-4, 4]");
    assertThatThrownBy(() -> new LexiconSentimentAnalyzer(Map.of("a b c d", 1.0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three words");
    assertThat(analyzer.lexiconSize()).isGreaterThan(300);
    assertThat(analyzer.name()).isEqualTo("lexicon");
  }
}
