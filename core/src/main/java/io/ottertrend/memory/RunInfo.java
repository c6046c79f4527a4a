package io.ottertrend.memory;

/**
 * What a run is, recorded at its start.
 *
 * @param mode {@code paper}, {@code live} or {@code backtest}
 * @param marketSource {@code mexc}, {@code synthetic}, {@code history}
 * @param brain {@code llm}, {@code rules}, ...
 * @param exchange exchange id
 * @param version OtterTrend version
 * @param configHash {@link io.ottertrend.config.Settings#configHash()}
 * @param seed seed of synthetic data, or {@code null}
 */
public record RunInfo(
    String mode, String marketSource, String brain, String exchange, String version, String configHash, Long seed) {}
