using RetrainTriggers.Orchestration;

namespace RetrainTriggers.DependencyInjection;

/// <summary>One registered pipeline seen without its model type: what the monitoring loop, the start-up validation and the health check need.</summary>
internal interface IPipelineHost
{
    string Name { get; }

    TimeSpan Interval { get; }

    /// <summary>Builds the pipeline once (later calls return the same answer) and returns what is wrong; empty when it was built.</summary>
    IReadOnlyList<string> Problems { get; }

    RetrainEvaluation? LastEvaluation { get; }

    /// <summary>Gets the number of monitoring ticks that threw.</summary>
    long FailedTicks { get; }

    /// <summary>Gets the exception of the last tick when it threw, else <see langword="null"/>.</summary>
    Exception? LastTickError { get; }

    ValueTask<RetrainEvaluation> RunOnceAsync(CancellationToken cancellationToken);

    void RecordTick(Exception? error);

    ValueTask<RetrainRun?> GetLastRunAsync(CancellationToken cancellationToken);

    ValueTask<ModelVersion?> GetChampionAsync(CancellationToken cancellationToken);
}
