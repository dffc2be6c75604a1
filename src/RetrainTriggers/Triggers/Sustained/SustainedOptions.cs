namespace RetrainTriggers;

/// <summary>Configures the sustained modifier: the inner trigger must keep firing for a duration and/or a number of consecutive evaluations.</summary>
public sealed class SustainedOptions
{
    /// <summary>Gets or sets how long the inner trigger must have been firing (<c>now - streakStart &gt;= Duration</c>).</summary>
    /// <value>Greater than zero and at most 36 500 days; default <see langword="null"/> (not checked).</value>
    public TimeSpan? Duration { get; set; }

    /// <summary>Gets or sets how many consecutive evaluations must have fired (<c>count &gt;= Evaluations</c>).</summary>
    /// <value>At least 1; default <see langword="null"/> (not checked).</value>
    public int? Evaluations { get; set; }

    /// <summary>Gets or sets a value indicating whether an <see cref="TriggerOutcome.InsufficientData"/> evaluation ends the streak.</summary>
    /// <value>Default <see langword="false"/>: the streak is kept but the evaluation does not count.</value>
    public bool ResetOnInsufficientData { get; set; }

    /// <summary>Gets or sets the modifier's name; default <c>sustained({inner})</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Adds every invalid setting to <paramref name="errors"/> as <c>{path}:{Key} …</c>.</summary>
    internal void Validate(string path, List<string> errors)
    {
        if (Duration is null && Evaluations is null)
        {
            errors.Add($"{path} must set Duration (e.g. \"3.00:00:00\"), Evaluations (consecutive evaluations), or both");
        }

        OptionsValidation.Positive(Duration, path, nameof(Duration), errors);
        if (Evaluations < 1)
        {
            errors.Add($"{path}:Evaluations must be > 0");
        }

        OptionsValidation.Name(Name, path, errors);
    }
}
