package io.ottertrend.signals;

/**
 * How strong one narrative is right now, with every input shown so the brain (and a human) can see why.
 *
 * @param narrative e.g. {@code memecoin}
 * @param score combined strength in {@code [-1, 1]}: positive = growing interest with good news flow
 * @param trendsSlope mean slope of the matching keyword series ({@code NaN} when no series matched)
 * @param newsVolume number of recent headlines mentioning the narrative
 * @param averageSentiment mean compound sentiment of those headlines ({@code 0} when none)
 */
public record NarrativeStrength(
    String narrative, double score, double trendsSlope, int newsVolume, double averageSentiment) {}
