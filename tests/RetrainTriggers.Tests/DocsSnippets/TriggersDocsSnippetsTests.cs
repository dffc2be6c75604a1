using System.Text.RegularExpressions;
using RetrainTriggers.Drift.Performance;
using RetrainTriggers.Drift.Streaming;

namespace RetrainTriggers.Tests.DocsSnippets;

// docs/triggers.md quotes the regions between the <...> markers verbatim; the tests run them and check the page still
// contains them character for character.
public class TriggersDocsSnippetsTests
{
    [Fact]
    public async Task EstimatedPerformance_Snippet_FiresOnTheEstimateBeforeLabelsArrive()
    {
        var random = new Random(17);
        var holdoutProbabilities = Enumerable.Range(0, 5000).Select(_ => random.NextDouble()).ToArray();
        var holdoutLabels = holdoutProbabilities.Select(p => random.NextDouble() < p).ToArray();
        var served = Enumerable.Range(0, 1000).Select(_ => 0.3 + (0.4 * random.NextDouble())).ToArray();
        var stateStore = new InMemoryTriggerStateStore();

        // <estimated-performance>
        // Calibrate on a labelled reference: the model's probabilities on its holdout and the true labels.
        var estimator = PerformanceEstimator.Fit(holdoutProbabilities, holdoutLabels);
        var estimated = new EstimatedPerformanceSignals(estimator, windowSize: 1000, minimumCount: 200);

        // The serving path records each prediction's probability; no label is needed.
        foreach (var probability in served)
        {
            estimated.RecordPrediction(probability);
        }

        // Fire on the estimate; the metric's name says it is one, and so does the explanation.
        var trigger = Trigger.Below("estimated_accuracy", 0.85);
        var result = await trigger.EvaluateAsync(new TriggerContext(TimeProvider.System, stateStore) { Metrics = estimated });
        // </estimated-performance>

        result.Fired.Should().BeTrue();
        result.Explain().Should().Contain("estimated_accuracy");
        var page = File.ReadAllText(Path.Combine(DocsRoot(), "docs", "triggers.md")).ReplaceLineEndings("\n");
        page.Should().Contain("```csharp\n" + Region("estimated-performance") + "\n```");
    }

    [Fact]
    public async Task ConceptDrift_Snippet_FiresWhenTheErrorRateRises()
    {
        var random = new Random(9);
        var stateStore = new InMemoryTriggerStateStore();
        var time = TimeProvider.System;
        var results = new List<TriggerResult>();

        // <concept-drift-trigger>
        var streams = new InMemoryValueStreams();
        var trigger = Trigger.ConceptDrift(new ConceptDriftOptions
        {
            Stream = "errors",
            Source = streams,
            Detector = () => new HddmA(), // default: ADWIN with River's defaults
        });

        // The serving path records 1 for a wrong prediction and 0 for a right one, as labels arrive.
        for (var i = 0; i < 3000; i++)
        {
            streams.Record("errors", random.NextDouble() < (i < 1500 ? 0.1 : 0.4) ? 1 : 0);
            if (i % 250 == 249)
            {
                // Each evaluation feeds the new values to the detector kept in the state store.
                results.Add(await trigger.EvaluateAsync(new TriggerContext(time, stateStore)));
            }
        }
        // </concept-drift-trigger>

        results.Take(6).Should().OnlyContain(r => !r.Fired);
        results.Skip(6).Should().Contain(r => r.Fired);
        results.First(r => r.Fired).Reason.Should().StartWith("HDDM_A on stream 'errors' detected a drift at value #");
        QuotedVerbatim("concept-drift-trigger");
    }

    [Fact]
    public async Task FeatureImportance_Snippet_FiresAndExplainsWhichFeaturesMoved()
    {
        var stateStore = new InMemoryTriggerStateStore();
        var importances = new RecordedImportances(
            then: new Dictionary<string, double> { ["income"] = 0.40, ["age"] = 0.30, ["tenure"] = 0.20, ["region"] = 0.10 },
            now: new Dictionary<string, double> { ["income"] = 0.15, ["age"] = 0.30, ["tenure"] = 0.20, ["region"] = 0.35 });

        // <feature-importance>
        // importances: an IFeatureImportanceSource over the host's store (permutation importance at retrain and now).
        var trigger = Trigger.FeatureImportanceShift(new FeatureImportanceShiftOptions
        {
            Source = importances,
            MaxShareShift = 0.20,   // "feature importance shifted by 20% or more"
            MaxRankShift = 3,       // or a top-10 feature moved 3 places
        });

        var result = await trigger.EvaluateAsync(new TriggerContext(TimeProvider.System, stateStore));
        // result.Reason: "importance shift 25% >= 20%; largest rank move 3 place(s) >= 3 among the top 10;
        //                 moved: income 40% -> 15% (rank 1 -> 4), region 10% -> 35% (rank 4 -> 1)"
        // </feature-importance>

        result.Fired.Should().BeTrue();
        result.Reason.Should().Be("importance shift 25% >= 20%; largest rank move 3 place(s) >= 3 among the top 10; moved: income 40% -> 15% (rank 1 -> 4), region 10% -> 35% (rank 4 -> 1)");
        QuotedVerbatim("feature-importance");
    }

    private static void QuotedVerbatim(string region)
    {
        var page = File.ReadAllText(Path.Combine(DocsRoot(), "docs", "triggers.md")).ReplaceLineEndings("\n");
        page.Should().Contain("```csharp\n" + Region(region) + "\n```");
    }

    private static string Region(string name)
    {
        var source = File.ReadAllText(Path.Combine(DocsRoot(), "tests", "RetrainTriggers.Tests", "DocsSnippets", "TriggersDocsSnippetsTests.cs"))
            .ReplaceLineEndings("\n");
        var match = Regex.Match(source, $"\n(?<indent> *)// <{name}>\n(?<body>.*?)\n *// </{name}>", RegexOptions.Singleline);
        match.Success.Should().BeTrue("the region {0} must exist", name);
        var indent = match.Groups["indent"].Value.Length;
        return string.Join('\n', match.Groups["body"].Value.Split('\n').Select(line => line.Length >= indent ? line[indent..] : line.TrimStart()));
    }

    private sealed class RecordedImportances(IReadOnlyDictionary<string, double> then, IReadOnlyDictionary<string, double> now) : IFeatureImportanceSource
    {
        public ValueTask<IReadOnlyDictionary<string, double>?> GetCurrentImportancesAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<IReadOnlyDictionary<string, double>?>(now);

        public ValueTask<IReadOnlyDictionary<string, double>?> GetImportancesAtLastRetrainAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<IReadOnlyDictionary<string, double>?>(then);
    }

    private static string DocsRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RetrainTriggers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RetrainTriggers.sln not found above " + AppContext.BaseDirectory);
    }
}
