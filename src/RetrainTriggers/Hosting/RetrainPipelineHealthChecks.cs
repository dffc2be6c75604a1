using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RetrainTriggers.DependencyInjection;

namespace RetrainTriggers.Hosting;

/// <summary>Creates health check registrations for retrain pipelines, for <c>services.AddHealthChecks().Add(...)</c>.</summary>
public static class RetrainPipelineHealthChecks
{
    /// <summary>
    /// A health check of pipeline <paramref name="pipelineName"/>: unhealthy when the pipeline is invalid; otherwise
    /// <paramref name="failureStatus"/> when it was not evaluated within three monitoring intervals, its last monitoring tick
    /// threw, its last run ended Failed, Interrupted, Cancelled or ValidationFailed, or it has no champion; else healthy.
    /// The result's data carries the last evaluation time and verdict, the last run and state, the champion version and
    /// the number of failed ticks.
    /// </summary>
    /// <param name="pipelineName">The name given to <c>AddPipeline</c>.</param>
    /// <param name="failureStatus">The status reported for a degraded pipeline; <see cref="HealthStatus.Degraded"/> by default.</param>
    /// <param name="tags">Tags for filtering health checks.</param>
    /// <returns>The registration, named <c>retrain-pipeline:&lt;name&gt;</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="pipelineName"/> is empty.</exception>
    public static HealthCheckRegistration For(string pipelineName, HealthStatus failureStatus = HealthStatus.Degraded, IEnumerable<string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipelineName);
        return new HealthCheckRegistration(
            "retrain-pipeline:" + pipelineName,
            services => new RetrainPipelineHealthCheck(
                services.GetRequiredKeyedService<IPipelineHost>(pipelineName),
                services.GetService<TimeProvider>() ?? TimeProvider.System),
            failureStatus,
            tags);
    }
}
