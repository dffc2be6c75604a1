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

    /// <summary>Adds every invalid setting to <paramref name="errors"/> as <c>{path}:{Key} …</c>.</summary>
    internal void Validate(string path, List<string> errors)
    {
        if (ScoreAbove is null && MinLevel is null)
        {
            errors.Add($"{path} must set ScoreAbove, MinLevel (Warning or Drift), or both");
        }

        if (Feature is not null && string.IsNullOrWhiteSpace(Feature))
        {
            errors.Add($"{path}:Feature must be a feature name, or absent for the dataset verdict");
        }

        if (ScoreAbove is { } score && !double.IsFinite(score))
        {
            errors.Add($"{path}:ScoreAbove must be a finite number, not {TriggerFormat.Number(score)}");
        }
        else if (ScoreAbove < 0)
        {
            errors.Add($"{path}:ScoreAbove must be >= 0");
        }

        if (MinLevel is { } level && level is not (DriftDecision.Warning or DriftDecision.Drift))
        {
            errors.Add($"{path}:MinLevel must be Warning or Drift, not {level}; None would fire on every evaluation");
        }

        OptionsValidation.Defined(Match, path, nameof(Match), errors);
        OptionsValidation.Name(Name, path, errors);
    }
}
