using RetrainTriggers.Drift;

namespace RetrainTriggers;

/// <summary>The drift verdict of one feature, listed in a <see cref="DriftSignal"/> explanation.</summary>
public sealed class FeatureDriftSignal
{
    /// <summary>Creates the verdict of <paramref name="feature"/>.</summary>
    /// <param name="feature">The feature name.</param>
    /// <param name="level">The feature's decision.</param>
    /// <exception cref="ArgumentException"><paramref name="feature"/> is null, empty or whitespace.</exception>
    public FeatureDriftSignal(string feature, DriftDecision level)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feature);
        Feature = feature;
        Level = level;
    }

    /// <summary>Gets the feature name.</summary>
    public string Feature { get; }

    /// <summary>Gets the feature's decision.</summary>
    public DriftDecision Level { get; }

    /// <summary>Gets the feature's drift score (distance or statistic), when known.</summary>
    public double? Score { get; init; }

    /// <summary>Gets the name of the statistic behind <see cref="Score"/> (e.g. <c>psi</c>, <c>ks</c>), when known.</summary>
    public string? Statistic { get; init; }

    /// <summary>Gets the p-value of the feature's test, when the statistic has one.</summary>
    public double? PValue { get; init; }
}
