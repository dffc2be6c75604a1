namespace RetrainTriggers.Orchestration;

/// <summary>The order of run history: newest start first, ties by run id descending, so every store answers a query the same way.</summary>
internal static class RunOrder
{
    /// <summary>The runs selected by <paramref name="query"/>, in history order, at most its limit.</summary>
    public static IReadOnlyList<RetrainRun> Select(IEnumerable<RetrainRun> runs, RetrainRunQuery query) =>
        runs.Where(query.Matches)
            .OrderByDescending(static r => r.StartedAt)
            .ThenByDescending(static r => r.RunId, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList()
            .AsReadOnly();
}
