using System.Globalization;

namespace RetrainTriggers.Orchestration;

/// <summary>Argument checks shared by the stores.</summary>
internal static class StoreArguments
{
    /// <summary>Throws when <paramref name="pipelineName"/> is not a valid pipeline name.</summary>
    public static void Pipeline(string pipelineName, string paramName = "pipelineName") => PipelineNames.Validate(pipelineName, paramName);

    /// <summary>Throws when <paramref name="duration"/> is not positive or longer than a lease may be (49 days, like <see cref="RetrainPipelineOptions{TModel}.LeaseDuration"/>).</summary>
    public static void Duration(TimeSpan duration)
    {
        // Without the upper bound, now + duration overflows inside the store with a message that names neither.
        if (duration <= TimeSpan.Zero || duration > RetrainPipelineOptionsValidator.MaxTimerDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease duration must be positive and at most 49 days.");
        }
    }

    /// <summary>Adds <paramref name="count"/> labeled rows to <paramref name="total"/>, throwing (before anything is written) when the sum would pass <see cref="long.MaxValue"/>.</summary>
    public static long AddLabeledRows(long total, long count) =>
        count > long.MaxValue - total ? throw LabeledRowsOverflow(total, count) : total + count;

    /// <summary>The error of a labeled-row total that would pass <see cref="long.MaxValue"/>: names the parameter, the total and the limit.</summary>
    public static ArgumentOutOfRangeException LabeledRowsOverflow(long total, long count) => new(
        nameof(count),
        count,
        string.Create(
            CultureInfo.InvariantCulture,
            $"Adding {count} labeled rows to the running total of {total} would pass the largest total, {long.MaxValue} (long.MaxValue); nothing was added."));

    /// <summary>Throws when <paramref name="run"/> does not belong to the lease's pipeline.</summary>
    public static void Run(RetrainLease lease, RetrainRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!string.Equals(run.PipelineName, lease.PipelineName, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Run '{run.RunId}' belongs to pipeline '{run.PipelineName}', but the lease is for pipeline '{lease.PipelineName}'.",
                nameof(run));
        }
    }

    /// <summary>Throws when <paramref name="query"/> is null or its limit is below 1.</summary>
    public static void Query(RetrainRunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query) + "." + nameof(query.Limit));
    }
}
