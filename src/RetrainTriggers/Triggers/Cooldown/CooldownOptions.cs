namespace RetrainTriggers;

/// <summary>Configures the cooldown modifier: the inner trigger fires at most once per period.</summary>
/// <remarks>Code sets these through <see cref="Trigger.Cooldown(ITrigger, TimeSpan, string?)"/>; configuration through the <c>Cooldown</c> node.</remarks>
internal sealed class CooldownOptions
{
    /// <summary>Gets or sets the minimum time between two firings.</summary>
    /// <value>Greater than zero and at most 36 500 days; required.</value>
    public TimeSpan? Period { get; set; }

    /// <summary>Gets or sets the modifier's name; default <c>cooldown({inner})</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Adds every invalid setting to <paramref name="errors"/> as <c>{path}:{Key} …</c>.</summary>
    internal void Validate(string path, List<string> errors)
    {
        if (Period is null)
        {
            errors.Add($"{path}:Period is required: the minimum time between two firings, e.g. \"1.00:00:00\"");
        }

        OptionsValidation.Positive(Period, path, nameof(Period), errors);
        OptionsValidation.Name(Name, path, errors);
    }
}
