namespace RetrainTriggers;

/// <summary>Configures a volume trigger: enough new labeled rows since the last retrain, absolutely and/or relative to the last training set.</summary>
public sealed class VolumeOptions
{
    /// <summary>Gets or sets the number of new labeled rows that fires the trigger (<c>newRows &gt;= MinNewRows</c>).</summary>
    /// <value>Greater than 0; default <see langword="null"/> (not checked).</value>
    public long? MinNewRows { get; set; }

    /// <summary>Gets or sets the growth relative to the last training set that fires the trigger (<c>newRows / trainingRows &gt;= MinGrowth</c>); 0.2 means 20%.</summary>
    /// <value>A finite number greater than 0; default <see langword="null"/> (not checked).</value>
    public double? MinGrowth { get; set; }

    /// <summary>Gets or sets how the two conditions combine when both are set.</summary>
    /// <value>Default <see cref="ConditionMatch.Any"/>.</value>
    public ConditionMatch Match { get; set; } = ConditionMatch.Any;

    /// <summary>Gets or sets the trigger name; default <c>volume</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Adds every invalid setting to <paramref name="errors"/> as <c>{path}:{Key} …</c>.</summary>
    internal void Validate(string path, List<string> errors)
    {
        if (MinNewRows is null && MinGrowth is null)
        {
            errors.Add($"{path} must set MinNewRows, MinGrowth (0.2 = 20% more rows than the last training set), or both");
        }

        if (MinNewRows <= 0)
        {
            errors.Add($"{path}:MinNewRows must be > 0");
        }

        if (MinGrowth is { } growth && !double.IsFinite(growth))
        {
            errors.Add($"{path}:MinGrowth must be a finite number, not {TriggerFormat.Number(growth)}");
        }
        else if (MinGrowth <= 0)
        {
            errors.Add($"{path}:MinGrowth must be > 0 (a fraction: 0.2 = 20%)");
        }

        OptionsValidation.Defined(Match, path, nameof(Match), errors);
        OptionsValidation.Name(Name, path, errors);
    }
}
