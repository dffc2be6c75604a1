namespace RetrainTriggers;

/// <summary>Configures a feature-importance shift trigger (see <see cref="Trigger.FeatureImportanceShift(FeatureImportanceShiftOptions)"/>).</summary>
public sealed class FeatureImportanceShiftOptions
{
    /// <summary>Gets or sets where the current and last-retrain importances come from. Required.</summary>
    public IFeatureImportanceSource? Source { get; set; }

    /// <summary>
    /// Gets or sets the share of the total importance that may move before the trigger fires: the total variation
    /// distance ½·Σ|share_now − share_then| ≥ this fires; 0.2 = "feature importance shifted by 20%".
    /// </summary>
    /// <value>In (0, 1]; default <see langword="null"/> (not checked).</value>
    public double? MaxShareShift { get; set; }

    /// <summary>Gets or sets how many places a feature among the top <see cref="TopFeatures"/> (then or now) may move in the ranking; moving this many or more fires.</summary>
    /// <value>At least 1; default <see langword="null"/> (not checked).</value>
    public int? MaxRankShift { get; set; }

    /// <summary>Gets or sets how many of the most important features the rank condition watches (then or now).</summary>
    /// <value>At least 1; default 10.</value>
    public int TopFeatures { get; set; } = 10;

    /// <summary>Gets or sets the trigger name; default <c>feature-importance</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Adds every invalid setting to <paramref name="errors"/> as <c>{path}:{Key} …</c>.</summary>
    internal void Validate(string path, List<string> errors)
    {
        if (Source is null)
        {
            errors.Add($"{path}:Source must be set (an IFeatureImportanceSource)");
        }

        if (MaxShareShift is null && MaxRankShift is null)
        {
            errors.Add($"{path} must set MaxShareShift (0.2 = 20% of the importance moved), MaxRankShift, or both");
        }

        if (MaxShareShift is { } share && !(share > 0 && share <= 1))
        {
            errors.Add($"{path}:MaxShareShift must be in (0, 1], not {TriggerFormat.Number(share)}");
        }

        if (MaxRankShift is < 1)
        {
            errors.Add($"{path}:MaxRankShift must be >= 1");
        }

        if (TopFeatures < 1)
        {
            errors.Add($"{path}:TopFeatures must be >= 1");
        }

        OptionsValidation.Name(Name, path, errors);
    }
}
