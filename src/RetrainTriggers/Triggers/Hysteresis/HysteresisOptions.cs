namespace RetrainTriggers;

/// <summary>Configures a hysteresis trigger: separate enter and exit thresholds on one metric so a value wobbling around one line does not flap.</summary>
/// <remarks>
/// With <see cref="ThresholdDirection.Below"/> the trigger becomes active when <c>value &lt; Enter</c> and stays active until
/// <c>value &gt;= Exit</c> (so <c>Enter &lt;= Exit</c>); with <see cref="ThresholdDirection.Above"/> it becomes active when
/// <c>value &gt; Enter</c> and stays active until <c>value &lt;= Exit</c> (so <c>Exit &lt;= Enter</c>). It fires while active.
/// </remarks>
public sealed class HysteresisOptions
{
    /// <summary>Gets or sets the metric name (ordinal, case-sensitive). Required.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>Gets or sets which side is bad.</summary>
    /// <value>Default <see cref="ThresholdDirection.Below"/>.</value>
    public ThresholdDirection Direction { get; set; } = ThresholdDirection.Below;

    /// <summary>Gets or sets the threshold that activates the trigger (strict comparison).</summary>
    public double Enter { get; set; } = double.NaN;

    /// <summary>Gets or sets the threshold that deactivates it (inclusive comparison).</summary>
    public double Exit { get; set; } = double.NaN;

    /// <summary>Gets or sets what <see cref="Enter"/> and <see cref="Exit"/> are measured against.</summary>
    /// <value>Default <see cref="ThresholdBasis.Absolute"/>.</value>
    public ThresholdBasis Basis { get; set; } = ThresholdBasis.Absolute;

    /// <summary>Gets or sets how old the latest reading may be; an older one is <see cref="TriggerOutcome.InsufficientData"/> (the metric is stale).</summary>
    /// <value>Greater than zero and at most 36 500 days; default <see langword="null"/> (any age). Configuration key <c>MaxAge</c>, e.g. <c>"1.00:00:00"</c>.</value>
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Gets or sets the trigger name; default <c>hysteresis:{Metric}</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Adds every invalid setting to <paramref name="errors"/> as <c>{path}:{Key} …</c>.</summary>
    internal void Validate(string path, List<string> errors)
    {
        OptionsValidation.Required(Metric, path, nameof(Metric), errors);
        OptionsValidation.Defined(Direction, path, nameof(Direction), errors);
        OptionsValidation.Defined(Basis, path, nameof(Basis), errors);
        foreach (var (key, value) in (ReadOnlySpan<(string, double)>)[(nameof(Enter), Enter), (nameof(Exit), Exit)])
        {
            if (double.IsNaN(value))
            {
                errors.Add($"{path}:{key} is required: a finite number");
            }
            else
            {
                OptionsValidation.Threshold(value, Basis, path, key, errors);
            }
        }

        if (double.IsFinite(Enter) && double.IsFinite(Exit))
        {
            if (Direction == ThresholdDirection.Below && Enter > Exit)
            {
                errors.Add($"{path}:Enter ({TriggerFormat.Number(Enter)}) must not exceed {path}:Exit ({TriggerFormat.Number(Exit)}) with Direction Below");
            }
            else if (Direction == ThresholdDirection.Above && Exit > Enter)
            {
                errors.Add($"{path}:Exit ({TriggerFormat.Number(Exit)}) must not exceed {path}:Enter ({TriggerFormat.Number(Enter)}) with Direction Above");
            }
        }

        OptionsValidation.Positive(MaxAge, path, nameof(MaxAge), errors);
        OptionsValidation.Name(Name, path, errors);
    }
}
