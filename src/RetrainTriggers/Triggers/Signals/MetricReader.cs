namespace RetrainTriggers;

/// <summary>Reads a metric and its baseline for threshold-like triggers, turning every missing piece into a reason instead of an exception.</summary>
internal static class MetricReader
{
    /// <summary>Reads the current value of <paramref name="metric"/>; the problem is set when it is missing, not finite or older than <paramref name="maxAge"/>.</summary>
    public static async ValueTask<(double Value, string? Problem)> ReadValueAsync(
        TriggerContext context, string metric, TimeSpan? maxAge, CancellationToken cancellationToken)
    {
        if (context.Metrics is null)
        {
            return (double.NaN, $"no metric source to read {metric} from");
        }

        var sample = await context.Metrics.GetMetricAsync(metric, cancellationToken).ConfigureAwait(false);
        if (sample is not { } s)
        {
            return (double.NaN, $"{metric} has not been recorded");
        }

        if (maxAge is { } limit && context.Now - s.Timestamp is var age && age > limit)
        {
            return (double.NaN, $"{metric} is {TriggerFormat.Age(age)} old, older than MaxAge {TriggerFormat.Age(limit)}");
        }

        return double.IsFinite(s.Value) ? (s.Value, null) : (double.NaN, $"{metric} is {TriggerFormat.Number(s.Value)}");
    }

    /// <summary>Reads the baseline of <paramref name="metric"/> recorded at the last retrain, unless <paramref name="basis"/> is absolute.</summary>
    public static async ValueTask<(double Baseline, string? Problem)> ReadBaselineAsync(
        TriggerContext context, string metric, ThresholdBasis basis, CancellationToken cancellationToken)
    {
        if (basis == ThresholdBasis.Absolute)
        {
            return (0, null);
        }

        if (context.RetrainHistory is null)
        {
            return (double.NaN, $"no retrain history source for the baseline of {metric}");
        }

        var last = await context.RetrainHistory.GetLastRetrainAsync(cancellationToken).ConfigureAwait(false);
        if (last is null)
        {
            return (double.NaN, $"no retrain recorded, so no baseline for {metric}");
        }

        if (last.BaselineMetrics is null || !last.BaselineMetrics.TryGetValue(metric, out var baseline))
        {
            return (double.NaN, $"no baseline for {metric} at the last retrain");
        }

        return double.IsFinite(baseline) ? (baseline, null) : (double.NaN, $"baseline of {metric} is {TriggerFormat.Number(baseline)}");
    }

    /// <summary>Turns a configured threshold into the value compared against.</summary>
    public static double Effective(ThresholdBasis basis, double threshold, double baseline) => basis switch
    {
        ThresholdBasis.BaselineFactor => threshold * baseline,
        ThresholdBasis.BaselineOffset => baseline + threshold,
        _ => threshold,
    };

    /// <summary>Explains how the effective threshold came from the baseline; empty for absolute thresholds.</summary>
    public static string Describe(ThresholdBasis basis, double threshold, double baseline) => basis switch
    {
        ThresholdBasis.BaselineFactor => $" ({TriggerFormat.Percent(threshold)} of baseline {TriggerFormat.Number(baseline)})",
        ThresholdBasis.BaselineOffset => threshold < 0
            ? $" (baseline {TriggerFormat.Number(baseline)} - {TriggerFormat.Number(-threshold)})"
            : $" (baseline {TriggerFormat.Number(baseline)} + {TriggerFormat.Number(threshold)})",
        _ => string.Empty,
    };

    /// <summary>Validates one configured threshold value for <paramref name="basis"/>.</summary>
    public static void ValidateThreshold(double? value, ThresholdBasis basis, string paramName)
    {
        if (value is not { } v)
        {
            return;
        }

        if (!double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(paramName, v, $"{paramName} must be a finite number.");
        }

        if (basis == ThresholdBasis.BaselineFactor && v <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, v, $"{paramName} is a factor of the baseline and must be greater than 0.");
        }
    }
}
