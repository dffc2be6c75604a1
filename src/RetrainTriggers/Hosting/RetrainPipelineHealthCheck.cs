using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RetrainTriggers.DependencyInjection;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Hosting;

/// <summary>
/// The health of one pipeline: unhealthy when it could not be built; degraded when it was not evaluated within
/// <see cref="StaleAfterIntervals"/> intervals, its last tick threw, its last run did not end well, or it has no champion.
/// </summary>
internal sealed class RetrainPipelineHealthCheck(IPipelineHost host, TimeProvider time) : IHealthCheck
{
    /// <summary>How many monitoring intervals may pass without an evaluation before the pipeline is degraded.</summary>
    public const int StaleAfterIntervals = 3;

    private static readonly RetrainRunState[] BadEnds = [RetrainRunState.Failed, RetrainRunState.Interrupted, RetrainRunState.Cancelled, RetrainRunState.ValidationFailed];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (host.Problems.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"Pipeline {host.Name} is invalid: {string.Join("; ", host.Problems)}");
        }

        var now = time.GetUtcNow();
        var evaluation = host.LastEvaluation;
        var run = await host.GetLastRunAsync(cancellationToken).ConfigureAwait(false);
        var champion = await host.GetChampionAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["pipeline"] = host.Name,
            ["failedTicks"] = host.FailedTicks,
        };
        if (evaluation is not null)
        {
            data["lastEvaluatedAt"] = evaluation.EvaluatedAt;
            data["lastVerdict"] = evaluation.Verdict.ToString();
        }

        if (run is not null)
        {
            data["lastRunId"] = run.RunId;
            data["lastRunState"] = run.State.ToString();
        }

        if (champion is not null)
        {
            data["championVersion"] = champion.Version;
        }

        var problems = new List<string>();
        var stale = host.Interval * StaleAfterIntervals;
        if (evaluation is null)
        {
            problems.Add("not evaluated yet");
        }
        else if (now - evaluation.EvaluatedAt > stale)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"last evaluated {now - evaluation.EvaluatedAt} ago, more than {StaleAfterIntervals} intervals of {host.Interval}"));
        }

        if (host.LastTickError is { } error)
        {
            problems.Add($"the last monitoring tick failed: {error.GetType().Name}: {error.Message}");
        }

        if (run is not null && BadEnds.Contains(run.State))
        {
            problems.Add($"the last run {run.RunId} ended {run.State}{(run.Error is null ? string.Empty : ": " + run.Error)}");
        }

        if (champion is null)
        {
            problems.Add("no champion is registered");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"Pipeline {host.Name}: champion v{champion!.Version}, last evaluated {evaluation!.EvaluatedAt:O} ({evaluation.Verdict})"), data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"Pipeline {host.Name}: {string.Join("; ", problems)}", data: data);
    }
}
