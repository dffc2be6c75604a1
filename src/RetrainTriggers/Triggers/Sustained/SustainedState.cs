namespace RetrainTriggers;

/// <summary>State of a sustained modifier: the current streak of evaluations on which the inner trigger fired.</summary>
internal sealed class SustainedState
{
    /// <summary>Gets or sets when the current streak began, or null when there is no streak.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Gets or sets how many evaluations in the current streak fired.</summary>
    public int Count { get; set; }
}
