using RetrainTriggers.Drift;

namespace RetrainTriggers;

/// <summary>Configures a drift trigger over an <see cref="IDriftSignalSource"/>: a score above a threshold and/or a decision at least a level.</summary>
public sealed class DriftOptions
{
    /// <summary>Gets or sets the feature to watch, or <see langword="null"/> for the dataset-level verdict.</summary>
    public string? Feature { get; set; }

    /// <summary>Gets or sets the score that must be exceeded (strict: <c>score &gt; ScoreAbove</c>).</summary>
    /// <value>A finite number, at least 0; default <see langword="null"/> (not checked).</value>
    public double? ScoreAbove { get; set; }

    /// <summary>Gets or sets the lowest decision that fires (<c>level &gt;= MinLevel</c>).</summary>
    /// <value><see cref="DriftDecision.Warning"/> or <see cref="DriftDecision.Drift"/>; default <see langword="null"/> (not checked).</value>
    public DriftDecision? MinLevel { get; set; }

    /// <summary>Gets or sets how the two conditions combine when both are set.</summary>
    /// <value>Default <see cref="ConditionMatch.Any"/>.</value>
    public ConditionMatch Match { get; set; } = ConditionMatch.Any;

    /// <summary>Gets or sets the trigger name; default <c>drift</c>, or <c>drift:{Feature}</c>.</summary>
    public string? Name { get; set; }
}
