using System.Text.RegularExpressions;
using RetrainTriggers.Drift.Performance;

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

    private static string Region(string name)
    {
        var source = File.ReadAllText(Path.Combine(DocsRoot(), "tests", "RetrainTriggers.Tests", "DocsSnippets", "TriggersDocsSnippetsTests.cs"))
            .ReplaceLineEndings("\n");
        var match = Regex.Match(source, $"\n(?<indent> *)// <{name}>\n(?<body>.*?)\n *// </{name}>", RegexOptions.Singleline);
        match.Success.Should().BeTrue("the region {0} must exist", name);
        var indent = match.Groups["indent"].Value.Length;
        return string.Join('\n', match.Groups["body"].Value.Split('\n').Select(line => line.Length >= indent ? line[indent..] : line.TrimStart()));
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
