namespace RetrainTriggers.Drift;

/// <summary>The drift source behind <c>Trigger.Drift(...)</c>: checks the current window against a reference profile and reports the dataset verdict or a feature's decision.</summary>
/// <remarks>
/// The report is computed once per window instance and reused by every drift trigger of a tree (dataset-level and
/// per-feature triggers ask in turn), so a tree with many drift nodes costs one check. A window is treated as
/// immutable once the window source has returned it.
/// </remarks>
public sealed class ProfileDriftSignalSource : IDriftSignalSource
{
    private readonly DriftDetector detector;
    private readonly Func<CancellationToken, ValueTask<DriftWindow?>> windows;
    private readonly object gate = new();
    private DriftWindow? cachedWindow;
    private DriftReport? cachedReport;

    /// <summary>Creates a source that checks the windows of <paramref name="windows"/> with <paramref name="detector"/>.</summary>
    /// <param name="detector">The detector holding the reference profile and rules.</param>
    /// <param name="windows">Supplies the current window.</param>
    public ProfileDriftSignalSource(DriftDetector detector, IDriftWindowSource windows)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(windows);
        this.detector = detector;
        this.windows = windows.GetCurrentWindowAsync;
    }

    /// <summary>Creates a source that checks the windows returned by <paramref name="windows"/> with <paramref name="detector"/>.</summary>
    /// <param name="detector">The detector holding the reference profile and rules.</param>
    /// <param name="windows">Returns the current window, or <see langword="null"/> when there is none yet.</param>
    public ProfileDriftSignalSource(DriftDetector detector, Func<CancellationToken, ValueTask<DriftWindow?>> windows)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(windows);
        this.detector = detector;
        this.windows = windows;
    }

    /// <summary>Gets the most recent report, or <see langword="null"/> before the first check.</summary>
    public DriftReport? LatestReport
    {
        get
        {
            lock (gate)
            {
                return cachedReport;
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="feature"/> is not in the reference profile (a configuration error, not missing data).</exception>
    public async ValueTask<DriftSignal?> GetDriftAsync(string? feature, CancellationToken cancellationToken = default)
    {
        if (feature is not null
            && !detector.Reference.NumericFeatures.ContainsKey(feature)
            && !detector.Reference.CategoricalFeatures.ContainsKey(feature))
        {
            throw new ArgumentException($"Drift of feature '{feature}' was asked for, but the reference profile has no such feature.", nameof(feature));
        }

        var window = await windows(cancellationToken).ConfigureAwait(false);
        if (window is null)
        {
            return null;
        }

        DriftReport report;
        lock (gate)
        {
            if (!ReferenceEquals(window, cachedWindow) || cachedReport is null)
            {
                cachedReport = detector.Detect(window, cancellationToken);
                cachedWindow = window;
            }

            report = cachedReport;
        }

        return report.ToDriftSignal(feature);
    }
}
