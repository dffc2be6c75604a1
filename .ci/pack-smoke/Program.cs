// Uses the packages exactly as a user gets them from a feed: a trigger evaluation and a drift check.
using RetrainTriggers;
using RetrainTriggers.Drift;

var trigger = Trigger.Below("accuracy", 0.85) | Trigger.Volume(minGrowth: 0.20);
var signals = new InMemorySignals();
signals.Record("accuracy", 0.80);
var result = await trigger.EvaluateAsync(signals, new InMemoryTriggerStateStore(), TimeProvider.System);
Console.WriteLine(result.Explain());
if (!result.Fired)
{
    return 3;
}

var random = new Random(7);
var reference = Enumerable.Range(0, 2000).Select(_ => random.NextDouble()).ToArray();
var shifted = Enumerable.Range(0, 2000).Select(_ => random.NextDouble() + 0.5).ToArray();
var profile = DatasetProfile.Build(new DriftWindow().AddNumeric("x", reference));
var report = new DriftDetector(profile).Detect(new DriftWindow().AddNumeric("x", shifted));
Console.WriteLine($"dataset drift: {report.DatasetDecision}");
return report.DatasetDecision == DriftDecision.Drift ? 0 : 4;
