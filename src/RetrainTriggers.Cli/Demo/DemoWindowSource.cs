using RetrainTriggers.Drift;

namespace RetrainTriggers.Cli.Demo;

/// <summary>Serves the latest day of traffic as the drift window the pipeline checks against the champion's reference profile.</summary>
internal sealed class DemoWindowSource : IDriftWindowSource
{
    public DriftWindow? Current { get; set; }

    public ValueTask<DriftWindow?> GetCurrentWindowAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Current);
}
