namespace RetrainTriggers;

/// <summary>Configures a threshold trigger on one named metric: fires below, above, or outside a band.</summary>
/// <remarks>
/// <c>Below</c> is strict (<c>value &lt; threshold</c>) and <c>Above</c> is strict (<c>value &gt; threshold</c>); with both
/// set the trigger fires outside the band <c>[Below, Above]</c>, and a value equal to either bound does not fire.
/// </remarks>
public sealed class ThresholdOptions
{
    /// <summary>Gets or sets the metric name (ordinal, case-sensitive). Required.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>Gets or sets the bound the metric must not fall under; the trigger fires when <c>value &lt; Below</c> (effective).</summary>
    /// <value>A finite number; with <see cref="ThresholdBasis.BaselineFactor"/>, greater than 0. Default <see langword="null"/> (no lower bound).</value>
    public double? Below { get; set; }

    /// <summary>Gets or sets the bound the metric must not exceed; the trigger fires when <c>value &gt; Above</c> (effective).</summary>
    /// <value>A finite number; with <see cref="ThresholdBasis.BaselineFactor"/>, greater than 0. Default <see langword="null"/> (no upper bound).</value>
    public double? Above { get; set; }

    /// <summary>Gets or sets what <see cref="Below"/> and <see cref="Above"/> are measured against.</summary>
    /// <value>Default <see cref="ThresholdBasis.Absolute"/>.</value>
    public ThresholdBasis Basis { get; set; } = ThresholdBasis.Absolute;

    /// <summary>Gets or sets how old the latest reading may be; an older one is <see cref="TriggerOutcome.InsufficientData"/> (the metric is stale).</summary>
    /// <value>Greater than zero and at most 36 500 days; default <see langword="null"/> (any age). Configuration key <c>MaxAge</c>, e.g. <c>"1.00:00:00"</c>.</value>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Gets or sets the trigger name; default <c>threshold:{Metric}</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Adds every invalid setting to <paramref name="errors"/> as <c>{path}:{Key} …</c>.</summary>
    internal void Validate(string path, List<string> errors)
    {
        OptionsValidation.Required(Metric, path, nameof(Metric), errors);
        if (Below is null && Above is null)
        {
            errors.Add($"{path} must set Below, Above, or both (fires outside the band Below..Above)");
        }

        OptionsValidation.Defined(Basis, path, nameof(Basis), errors);
        OptionsValidation.Threshold(Below, Basis, path, nameof(Below), errors);
        OptionsValidation.Threshold(Above, Basis, path, nameof(Above), errors);
        if (Below > Above)
        {
            errors.Add($"{path}:Below ({TriggerFormat.Number(Below.Value)}) must not exceed {path}:Above ({TriggerFormat.Number(Above!.Value)}); the trigger fires outside [Below, Above]");
        }

        OptionsValidation.Positive(MaxAge, path, nameof(MaxAge), errors);
        OptionsValidation.Name(Name, path, errors);
    }
}
