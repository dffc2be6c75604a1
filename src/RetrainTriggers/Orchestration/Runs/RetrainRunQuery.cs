namespace RetrainTriggers.Orchestration;

/// <summary>Selects runs from a pipeline's history: by state, by start time, newest first, at most <see cref="Limit"/>.</summary>
public sealed record RetrainRunQuery
{
    /// <summary>Gets the most runs to return; at least 1.</summary>
    /// <value>Defaults to 50.</value>
    public int Limit { get; init; } = 50;

    /// <summary>Gets the states to include, or <see langword="null"/> for every state.</summary>
    public IReadOnlyCollection<RetrainRunState>? States { get; init; }

    /// <summary>Gets the earliest start time to include (inclusive), or <see langword="null"/> for no bound.</summary>
    public DateTimeOffset? StartedFrom { get; init; }

    /// <summary>Gets the latest start time to include (exclusive), or <see langword="null"/> for no bound.</summary>
    public DateTimeOffset? StartedBefore { get; init; }

    /// <summary>Gets a value indicating whether <paramref name="run"/> is selected by the state and time filters (not the limit).</summary>
    /// <param name="run">The run.</param>
    /// <returns><see langword="true"/> when selected.</returns>
    public bool Matches(RetrainRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (States is null || States.Contains(run.State))
            && (StartedFrom is not { } from || run.StartedAt >= from)
            && (StartedBefore is not { } before || run.StartedAt < before);
    }
}
