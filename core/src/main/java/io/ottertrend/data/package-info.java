/**
 * Historical data (API): a compact columnar bar store on disk ({@link io.ottertrend.data.BarStore}), its
 * in-memory form ({@link io.ottertrend.data.BarSeries}), importers for Binance/MEXC kline CSV and freqtrade JSON
 * ({@link io.ottertrend.data.BarImporter}), a paging MEXC kline fetcher that resumes after interruption
 * ({@link io.ottertrend.data.KlineFetcher}) and a synthetic history writer
 * ({@link io.ottertrend.data.SyntheticHistory}). Errors are {@link io.ottertrend.data.DataException}.
 */
package io.ottertrend.data;
