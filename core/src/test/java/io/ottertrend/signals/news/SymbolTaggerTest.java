package io.ottertrend.signals.news;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottertrend.model.SymbolRules;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SymbolTaggerTest {
  private final SymbolTagger tagger = SymbolTagger.of(List.of(
      rules("BTC"), rules("ETH"), rules("PEPE"), rules("ONE"), rules("AI"), rules("IT"), rules("THE"),
      rules("GAS"), rules("SUN"), rules("SOL"), rules("NEAR"), rules("WIF")));

  private static SymbolRules rules(String base) {
    return SymbolRules.builder(base + "USDT", base, "USDT").build();
  }

  @Test
  void upperCaseTickersAndProjectNamesAreFound() {
    assertThat(tagger.tag("BTC and ETH rally while PEPE pumps")).containsExactly("BTC", "ETH", "PEPE");
    assertThat(tagger.tag("Bitcoin tops $100k; ethereum follows")).containsExactly("BTC", "ETH");
    assertThat(tagger.tag("Solana memecoin WIF doubles")).containsExactly("SOL", "WIF");
  }

  @Test
  void commonWordsAreNotTickersWithoutCashtagContextOrName() {
    assertThat(tagger.tag("The one token everyone is talking about")).isEmpty();
    assertThat(tagger.tag("AI tokens rally as IT firms adopt THE blockchain")).isEmpty();
    assertThat(tagger.tag("Ethereum gas fees fall; sun shines on NEAR-term outlook")).containsExactly("ETH");
    assertThat(tagger.tag("ONE is up 40% today")).isEmpty();
  }

  @Test
  void commonWordTickersNeedCashtagContextPairOrFullName() {
    assertThat(tagger.tag("$ONE and $ai jump")).containsExactly("AI", "ONE");
    assertThat(tagger.tag("Harmony ONE joins alliance")).containsExactly("ONE");
    assertThat(tagger.tag("SUN token surges after burn")).containsExactly("SUN");
    assertThat(tagger.tag("GAS price doubles")).containsExactly("GAS");
    assertThat(tagger.tag("New pair ONE/USDT opens, ONEUSDT volume soars")).containsExactly("ONE");
  }

  @Test
  void shoutedTextOnlyTrustsCashtagsAndNames() {
    assertThat(tagger.tag("BREAKING: THE SUN IS UP, BTC TO THE MOON")).isEmpty();
    assertThat(tagger.tag("BREAKING: BITCOIN AND $PEPE SURGE")).containsExactly("BTC", "PEPE");
  }

  @Test
  void unknownSymbolsAndEmptyTextsGiveNothing() {
    assertThat(tagger.tag("XRP and DOGE move")).isEmpty();
    assertThat(tagger.tag(null)).isEmpty();
    assertThat(tagger.tag("  ")).isEmpty();
    assertThat(new SymbolTagger(Set.of("btc")).tag("btc is lower case, BTC is not")).containsExactly("BTC");
  }
}
