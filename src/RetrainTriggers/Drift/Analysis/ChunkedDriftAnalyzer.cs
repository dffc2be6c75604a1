using System.Globalization;

namespace RetrainTriggers.Drift;

/// <summary>
/// Chunked drift analysis: splits a window into chunks by row count or by time period, checks each chunk against the
/// reference, and returns the time series of per-feature results and decisions; optionally flags statistics outside
/// the range the reference's own chunks show (mean ± k·σ), instead of relying on fixed thresholds only.
/// </summary>
/// <remarks>
/// Each chunk is checked by the given <see cref="DriftDetector"/> with its own rules, so every chunk report has the
/// usual decisions; the reference bands are extra. A chunk that is too small for a feature gives
/// <see cref="DriftDecision.InsufficientData"/> for it, as any window would. Row chunks slice the columns without
/// copying; time chunks gather their rows. One analysis checks at most <see cref="MaxChunks"/> chunks: each chunk is a
/// full drift check, so a chunk size or period that would make more is refused before any is checked.
/// </remarks>
public sealed class ChunkedDriftAnalyzer
{
    /// <summary>The most chunks one call checks (10 000); a chunk size or period that makes more is refused with <see cref="ArgumentOutOfRangeException"/>.</summary>
    public const int MaxChunks = 10_000;

    /// <summary>The widest band <see cref="DeriveBands"/> accepts: k at most 1 000 standard deviations (NannyML uses 3); a larger k is refused with <see cref="ArgumentOutOfRangeException"/>.</summary>
    public const double MaxK = 1_000;

    private readonly DriftDetector detector;
    private readonly List<ChunkBand> bands = [];

    /// <summary>Creates an analyzer that checks chunks with <paramref name="detector"/>.</summary>
    /// <param name="detector">The detector (its profile is the reference).</param>
    public ChunkedDriftAnalyzer(DriftDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        this.detector = detector;
    }

    /// <summary>Gets the bands derived by <see cref="DeriveBands"/>, empty before.</summary>
    public IReadOnlyList<ChunkBand> Bands => bands;

    /// <summary>Derives alert bands from the reference data itself: chunks of <paramref name="chunkSize"/> rows are checked against the profile and each statistic's mean ± k·σ across them is kept.</summary>
    /// <param name="referenceWindow">The reference (training) data the profile was built from, or a sample of it.</param>
    /// <param name="chunkSize">Rows per reference chunk; use the chunk size of the analysis so the statistics are comparable.</param>
    /// <param name="k">The band's half-width in standard deviations (NannyML uses 3); from 0 to <see cref="MaxK"/>. Band edges are always finite: an edge beyond the range of <see cref="double"/> is kept at <see cref="double.MinValue"/> or <see cref="double.MaxValue"/>.</param>
    /// <returns>This analyzer, for chaining.</returns>
    /// <exception cref="ArgumentException">The reference gives fewer than 2 chunks, so no spread can be estimated.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is below 1, or makes more than <see cref="MaxChunks"/> chunks; or <paramref name="k"/> is not a finite number from 0 to <see cref="MaxK"/>.</exception>
    public ChunkedDriftAnalyzer DeriveBands(DriftWindow referenceWindow, int chunkSize, double k = 3)
    {
        ArgumentNullException.ThrowIfNull(referenceWindow);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (!double.IsFinite(k) || k < 0 || k > MaxK)
        {
            throw new ArgumentOutOfRangeException(
                nameof(k),
                k,
                string.Create(CultureInfo.InvariantCulture, $"k must be a finite number of standard deviations from 0 to {MaxK} (ChunkedDriftAnalyzer.MaxK), not {k}."));
        }

        int rows = WindowRows.RowCount(referenceWindow);
        if (rows / chunkSize < 2)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The reference window has {rows} rows: fewer than 2 full chunks of {chunkSize} rows, so no spread can be estimated."),
                nameof(referenceWindow));
        }

        ThrowIfTooManyChunks(rows / chunkSize, rows, chunkSize);

        var values = new Dictionary<(string, DriftStatistic), List<double>>();
        for (int start = 0; start + chunkSize <= rows; start += chunkSize)
        {
            var report = detector.Detect(WindowRows.Slice(referenceWindow, start, chunkSize));
            foreach (var feature in report.Features)
            {
                foreach (var statistic in feature.Statistics)
                {
                    if (statistic.Value is not { } value)
                    {
                        continue;
                    }

                    var key = (feature.Feature, statistic.Statistic);
                    if (!values.TryGetValue(key, out var list))
                    {
                        values[key] = list = [];
                    }

                    list.Add(value);
                }
            }
        }

        bands.Clear();
        foreach (var ((feature, statistic), list) in values.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2))
        {
            if (list.Count < 2)
            {
                continue;
            }

            double mean = list.Average();
            double sd = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
            // Statistics near the range of double (e.g. distances of huge values) could overflow mean ± k·σ: keep edges finite.
            bands.Add(new ChunkBand(feature, statistic, mean, sd, Edge(mean, -k, sd), Edge(mean, k, sd)));
        }

        return this;
    }

    private static double Edge(double mean, double k, double sd) => k == 0 ? mean : Math.Clamp(mean + (k * sd), double.MinValue, double.MaxValue);

    /// <summary>Checks consecutive chunks of <paramref name="chunkSize"/> rows (the last may be shorter).</summary>
    /// <param name="window">The window; columns are sliced, not copied.</param>
    /// <param name="chunkSize">Rows per chunk.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The series of chunk reports.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is below 1, or makes more than <see cref="MaxChunks"/> chunks.</exception>
    public ChunkedDriftReport ByRowCount(DriftWindow window, int chunkSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        int rows = WindowRows.RowCount(window);
        ThrowIfTooManyChunks((rows / chunkSize) + (rows % chunkSize == 0 ? 0 : 1), rows, chunkSize);
        var chunks = new List<DriftChunk>();
        for (int start = 0; start < rows; start += chunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int length = Math.Min(chunkSize, rows - start);
            var report = detector.Detect(WindowRows.Slice(window, start, length), cancellationToken);
            string key = string.Create(CultureInfo.InvariantCulture, $"rows {start}-{start + length - 1}");
            chunks.Add(new DriftChunk(chunks.Count, key, length, null, report, Alerts(report)));
        }

        return new ChunkedDriftReport(chunks, [.. bands]);
    }

    /// <summary>Checks one chunk per time period: row <c>i</c> falls in period ⌊(timestamps[i] − origin) / period⌋; empty periods are skipped.</summary>
    /// <param name="window">The window.</param>
    /// <param name="timestamps">The time of each row (any order; one per row of the longest column).</param>
    /// <param name="period">The period length (a day, an hour…).</param>
    /// <param name="origin">Where periods start; the Unix epoch (UTC midnight boundaries for a day) when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The series of chunk reports, in time order.</returns>
    /// <exception cref="ArgumentException"><paramref name="timestamps"/> does not have one entry per row.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive, or the rows fall in more than <see cref="MaxChunks"/> periods.</exception>
    public ChunkedDriftReport ByPeriod(DriftWindow window, ReadOnlySpan<DateTimeOffset> timestamps, TimeSpan period, DateTimeOffset? origin = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        int rows = WindowRows.RowCount(window);
        if (timestamps.Length != rows)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"timestamps has {timestamps.Length} entries but the window has {rows} rows; one timestamp per row is needed."),
                nameof(timestamps));
        }

        var start = origin ?? DateTimeOffset.UnixEpoch;
        var groups = new SortedDictionary<long, List<int>>();
        for (int i = 0; i < timestamps.Length; i++)
        {
            long bucket = (long)Math.Floor((timestamps[i] - start).Ticks / (double)period.Ticks);
            if (!groups.TryGetValue(bucket, out var list))
            {
                if (groups.Count == MaxChunks)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(period),
                        period,
                        string.Create(CultureInfo.InvariantCulture, $"The window's {rows} rows fall in more than {MaxChunks} periods of {period}; at most {MaxChunks} chunks (ChunkedDriftAnalyzer.MaxChunks) are checked in one call. Use a longer period or a shorter window."));
                }

                groups[bucket] = list = [];
            }

            list.Add(i);
        }

        var chunks = new List<DriftChunk>();
        foreach (var (bucket, list) in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var periodStart = start + TimeSpan.FromTicks(bucket * period.Ticks);
            var report = detector.Detect(WindowRows.Gather(window, list), cancellationToken);
            chunks.Add(new DriftChunk(chunks.Count, periodStart.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), list.Count, periodStart, report, Alerts(report)));
        }

        return new ChunkedDriftReport(chunks, [.. bands]);
    }

    private static void ThrowIfTooManyChunks(int chunks, int rows, int chunkSize)
    {
        if (chunks > MaxChunks)
        {
            int smallest = (int)Math.Min(int.MaxValue, ((long)rows + MaxChunks - 1) / MaxChunks);
            throw new ArgumentOutOfRangeException(
                nameof(chunkSize),
                chunkSize,
                string.Create(CultureInfo.InvariantCulture, $"The window's {rows} rows in chunks of {chunkSize} make {chunks} chunks; at most {MaxChunks} (ChunkedDriftAnalyzer.MaxChunks) are checked in one call. Use chunks of at least {smallest} rows."));
        }
    }

    private List<ChunkAlert> Alerts(DriftReport report)
    {
        var alerts = new List<ChunkAlert>();
        foreach (var band in bands)
        {
            var value = report.Features.FirstOrDefault(f => f.Feature == band.Feature)?.Get(band.Statistic)?.Value;
            if (value is { } v && (v < band.Lower || v > band.Upper))
            {
                alerts.Add(new ChunkAlert(band.Feature, band.Statistic, v, band.Lower, band.Upper));
            }
        }

        return alerts;
    }
}
