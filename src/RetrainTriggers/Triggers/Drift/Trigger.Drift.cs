using RetrainTriggers.Drift;

namespace RetrainTriggers;

/// <content>The Drift slice of the factory.</content>
public abstract partial class Trigger
{
    /// <summary>Fires on a drift score or decision from the context's <see cref="IDriftSignalSource"/>, dataset-level or for one feature.</summary>
    /// <param name="options">The feature, score threshold and/or minimum level.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">Neither condition is set, or the feature name is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The score threshold is negative or not finite, or the level is <see cref="DriftDecision.None"/>.</exception>
    public static Trigger Drift(DriftOptions options) => new DriftTrigger(options);

    /// <summary>Fires when the drift score is strictly above <paramref name="scoreAbove"/>.</summary>
    /// <param name="scoreAbove">The score threshold; at least 0.</param>
    /// <param name="feature">The feature, or <see langword="null"/> for the dataset.</param>
    /// <param name="name">The trigger name; default <c>drift</c> or <c>drift:{feature}</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Drift(double scoreAbove, string? feature = null, string? name = null) =>
        new DriftTrigger(new DriftOptions { ScoreAbove = scoreAbove, Feature = feature, Name = name });
}
