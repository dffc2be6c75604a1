// Uses the packages exactly as a user gets them from a feed: a trigger evaluation, a drift check, a CSV read and a
// PostgreSQL store built (not connected: no server is needed).
using RetrainTriggers;
using RetrainTriggers.Csv;
using RetrainTriggers.Drift;
using RetrainTriggers.PostgreSql;

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
if (report.DatasetDecision != DriftDecision.Drift)
{
    return 4;
}

var csv = Path.Combine(Path.GetTempPath(), $"pack-smoke-{Guid.NewGuid():N}.csv");
File.WriteAllText(csv, "x,plan\n1.5,basic\n2.5,pro\n\"3.5\",basic\n");
try
{
    var csvProfile = CsvData.ReadProfile(csv);
    Console.WriteLine($"csv profile: {csvProfile.NumericFeatures.Count} numeric, {csvProfile.CategoricalFeatures.Count} categorical");
    if (csvProfile.NumericFeatures.Count != 1 || csvProfile.CategoricalFeatures.Count != 1)
    {
        return 5;
    }
}
finally
{
    File.Delete(csv);
}

await using var store = new PostgreSqlRetrainStore(new PostgreSqlRetrainStoreOptions { ConnectionString = "Host=localhost;Database=retrain" });
Console.WriteLine($"postgresql store schema: {store.Schema}");
return 0;
