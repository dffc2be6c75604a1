using RetrainTriggers.Drift.Streaming;

namespace RetrainTriggers;

/// <summary>Options of a concept-drift trigger (see <see cref="Trigger.ConceptDrift(ConceptDriftOptions)"/>).</summary>
public sealed class ConceptDriftOptions
{
    /// <summary>Gets or sets the name of the stream the detector follows (for example <c>"errors"</c>). Required.</summary>
    public string Stream { get; set; } = string.Empty;

    /// <summary>Gets or sets where the stream's values come from. Required.</summary>
    public IValueStreamSource? Source { get; set; }

    /// <summary>Gets or sets the factory of the detector used when the trigger has no saved state yet.</summary>
    /// <value>Default: <see cref="Adwin"/> with River's defaults.</value>
    public Func<ConceptDriftDetector> Detector { get; set; } = static () => new Adwin();

    /// <summary>Gets or sets whether a warning (DDM, EDDM, HDDM) fires too, not only a drift.</summary>
    /// <value>Default: false.</value>
    public bool FireOnWarning { get; set; }

    /// <summary>Gets or sets the node's name; default <c>concept-drift(&lt;stream&gt;)</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Adds every invalid setting to <paramref name="errors"/> as <c>{path}:{Key} …</c>.</summary>
    internal void Validate(string path, List<string> errors)
    {
        OptionsValidation.Required(Stream, path, nameof(Stream), errors);
        if (Source is null)
        {
            errors.Add($"{path}:Source must be set (where the stream's values come from, e.g. InMemoryValueStreams)");
        }

        if (Detector is null)
        {
            errors.Add($"{path}:Detector must be set (a factory such as () => new Adwin())");
        }

        OptionsValidation.Name(Name, path, errors);
    }
}
