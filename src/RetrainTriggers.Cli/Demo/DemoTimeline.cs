using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Cli.Demo;

/// <summary>What the demo did: the first training, every simulated day, the run history and the final champion.</summary>
internal sealed record DemoTimeline(int Seed, RetrainEvaluation Initial, IReadOnlyList<DemoDay> Days, IReadOnlyList<RetrainRun> Runs, int? FinalChampion);
