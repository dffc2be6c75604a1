namespace RetrainTriggers.Drift;

/// <summary>Maps drift reports onto the trigger model's <see cref="DriftSignal"/>, so drift triggers can fire on them.</summary>
/// <remarks>Lives with the triggers (which depend on drift), keeping the drift layer free of trigger types.</remarks>
public static class DriftReportSignalExtensions
{
    /// <summary>Converts the report into the signal a drift trigger consumes.</summary>
    /// <param name="report">The drift report.</param>
    /// <param name="feature">A feature name, or <see langword="null"/> for the dataset verdict.</param>
    /// <returns>
    /// For the dataset: the verdict as level, the drift share as score (<c>drift_share</c>), and every drifted or
    /// warning feature (drifted first) with its headline statistic. For a feature: its decision, its headline statistic
    /// as score, and itself in the list when it warned or drifted. Insufficient data gives no level and no score, so the
    /// trigger reports insufficient data rather than "no drift".
    /// </returns>
    /// <exception cref="ArgumentException">The report has no such feature.</exception>
    public static DriftSignal ToDriftSignal(this DriftReport report, string? feature = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (feature is not null)
        {
            var result = report[feature];
            var headline = result.Headline();
            var insufficient = result.Decision == DriftDecision.InsufficientData;
            return new DriftSignal
            {
                Level = result.Decision,
                Score = insufficient ? null : headline?.Value,
                Statistic = headline is null ? null : DriftReport.ShortName(headline.Statistic),
                DriftedFeatures = result.Decision is DriftDecision.Drift or DriftDecision.Warning ? [ToFeatureSignal(result)] : [],
                ComputedAt = report.GeneratedAt,
            };
        }

        return new DriftSignal
        {
            Level = report.DatasetDecision,
            Score = report.DatasetDecision == DriftDecision.InsufficientData ? null : report.DriftShare,
            Statistic = "drift_share",
            DriftedFeatures = report.Features
                .Where(f => f.Decision is DriftDecision.Drift or DriftDecision.Warning)
                .OrderByDescending(f => f.Decision)
                .Select(ToFeatureSignal)
                .ToList(),
            ComputedAt = report.GeneratedAt,
        };
    }

    private static FeatureDriftSignal ToFeatureSignal(FeatureDriftResult result)
    {
        var headline = result.Headline();
        return new FeatureDriftSignal(result.Feature, result.Decision)
        {
            Score = headline?.Value,
            Statistic = headline is null ? null : DriftReport.ShortName(headline.Statistic),
            PValue = headline?.PValue,
        };
    }
}
