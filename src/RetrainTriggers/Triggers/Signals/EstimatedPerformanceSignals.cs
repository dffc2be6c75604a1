using RetrainTriggers.Drift.Performance;

namespace RetrainTriggers;

/// <summary>
/// A metric source of <em>estimated</em> classification performance: the host records the model's predicted
/// probabilities as they are served, and threshold triggers read <c>estimated_accuracy</c> and friends before any label
/// arrives (confidence-based performance estimation, see <see cref="PerformanceEstimator"/>).
/// </summary>
/// <remarks>
/// <para>
/// Metric names: <c>estimated_accuracy</c>, <c>estimated_precision</c>, <c>estimated_recall</c>, <c>estimated_f1</c>,
/// <c>estimated_roc_auc</c>, each also with the suffix <c>_lower</c> or <c>_upper</c> for the band's ends. The
/// <c>estimated_</c> prefix is in every name on purpose, so a trigger's explanation says the value is an estimate
/// ("estimated_accuracy 0.78 is below 0.85"). Any other name reads as never recorded (null).
/// </para>
/// <para>
/// The window is the latest <see cref="WindowSize"/> recorded predictions; with fewer than <see cref="MinimumCount"/>
/// the metrics read as null, which a threshold trigger reports as insufficient data. A sample's timestamp is the time
/// of the latest recorded prediction. Thread-safe.
/// </para>
/// </remarks>
public sealed class EstimatedPerformanceSignals : IMetricSource
{
    /// <summary>The prefix of every metric this source serves.</summary>
    public const string Prefix = "estimated_";

    private readonly object gate = new();
    private readonly Queue<double> window = new();
    private readonly PerformanceEstimator estimator;
    private readonly TimeProvider timeProvider;
    private DateTimeOffset lastRecorded;

    /// <summary>Initializes a new instance of the <see cref="EstimatedPerformanceSignals"/> class.</summary>
    /// <param name="estimator">The estimator calibrated on the labelled reference.</param>
    /// <param name="windowSize">How many of the latest predictions form the window (default 1000), ≥ 1.</param>
    /// <param name="minimumCount">The fewest predictions for an estimate (default 100), in [1, <paramref name="windowSize"/>].</param>
    /// <param name="timeProvider">Stamps recorded predictions; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="windowSize"/> or <paramref name="minimumCount"/> is out of range.</exception>
    public EstimatedPerformanceSignals(PerformanceEstimator estimator, int windowSize = 1000, int minimumCount = 100, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumCount, windowSize);
        this.estimator = estimator;
        WindowSize = windowSize;
        MinimumCount = minimumCount;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets how many of the latest predictions form the window.</summary>
    public int WindowSize { get; }

    /// <summary>Gets the fewest predictions for an estimate.</summary>
    public int MinimumCount { get; }

    /// <summary>Records one served prediction's probability of the positive class.</summary>
    /// <param name="probability">The predicted probability, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1] or NaN.</exception>
    public void RecordPrediction(double probability)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A predicted probability must be in [0, 1].");
        }

        lock (gate)
        {
            window.Enqueue(probability);
            if (window.Count > WindowSize)
            {
                window.Dequeue();
            }

            lastRecorded = timeProvider.GetUtcNow();
        }
    }

    /// <summary>Estimates the window's performance now.</summary>
    /// <returns>The estimate, or null with fewer than <see cref="MinimumCount"/> predictions.</returns>
    public PerformanceEstimate? Estimate()
    {
        double[] values;
        lock (gate)
        {
            if (window.Count < MinimumCount)
            {
                return null;
            }

            values = [.. window];
        }

        return estimator.Estimate(values);
    }

    /// <inheritdoc />
    public ValueTask<MetricSample?> GetMetricAsync(string metric, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (!metric.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return ValueTask.FromResult<MetricSample?>(null);
        }

        var name = metric[Prefix.Length..];
        var part = 0;
        if (name.EndsWith("_lower", StringComparison.Ordinal))
        {
            (name, part) = (name[..^"_lower".Length], -1);
        }
        else if (name.EndsWith("_upper", StringComparison.Ordinal))
        {
            (name, part) = (name[..^"_upper".Length], 1);
        }

        DateTimeOffset stamp;
        lock (gate)
        {
            stamp = lastRecorded;
        }

        if (Estimate()?.Get(name) is not { } estimated || name != name.ToLowerInvariant())
        {
            return ValueTask.FromResult<MetricSample?>(null);
        }

        var value = part switch
        {
            < 0 => estimated.Lower,
            > 0 => estimated.Upper,
            _ => estimated.Value,
        };
        return ValueTask.FromResult<MetricSample?>(double.IsNaN(value) ? null : new MetricSample(value, stamp));
    }
}
