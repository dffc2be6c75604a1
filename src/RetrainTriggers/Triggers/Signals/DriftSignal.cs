using RetrainTriggers.Drift;

namespace RetrainTriggers;

/// <summary>The latest drift verdict of a dataset or feature, as a drift trigger consumes it: a score, a decision, and which features drifted.</summary>
public sealed class DriftSignal
{
    /// <summary>Gets the drift score (e.g. PSI, the share of drifted features), or <see langword="null"/> when the source reports only a decision.</summary>
    public double? Score { get; init; }

    /// <summary>Gets the decision, or <see langword="null"/> when the source reports only a score.</summary>
    /// <value><see cref="DriftDecision.InsufficientData"/> makes a level condition insufficient data, never "no drift".</value>
    public DriftDecision? Level { get; init; }

    /// <summary>Gets the name of the statistic behind <see cref="Score"/> (e.g. <c>psi</c>), for explanations; may be <see langword="null"/>.</summary>
    public string? Statistic { get; init; }

    /// <summary>Gets the features that drifted (or warned), with their statistics, for explanations.</summary>
    public IReadOnlyList<FeatureDriftSignal> DriftedFeatures { get; init; } = [];

    /// <summary>Gets when the verdict was computed, when known.</summary>
    public DateTimeOffset? ComputedAt { get; init; }
}
