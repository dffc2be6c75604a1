namespace RetrainTriggers.Drift.Performance;

/// <summary>One estimated performance metric with its confidence band (see <see cref="PerformanceEstimator"/>).</summary>
/// <param name="Value">The estimate from the expected confusion matrix (NaN when undefined, e.g. precision with no predicted positive).</param>
/// <param name="Lower">The lower end of the band: <paramref name="Value"/> − z·σ, clipped to [0, 1].</param>
/// <param name="Upper">The upper end of the band: <paramref name="Value"/> + z·σ, clipped to [0, 1].</param>
/// <param name="StandardError">σ: the standard deviation of the realised metric over the reference's chunks, scaled by √(chunk size / window size).</param>
public readonly record struct EstimatedMetric(double Value, double Lower, double Upper, double StandardError);
