using RetrainTriggers.Drift;

namespace RetrainTriggers.Tests.Docs;

/// <summary>The snippets of docs/drift.md, run; <see cref="DocSnippetsTests"/> checks the page quotes them verbatim.</summary>
public sealed class DriftDocsSnippets
{
    private const int Rows = 2_000;

    [Fact]
    public async Task ProfileAndDetect_ShiftedIncome_ReportsDriftAndRoundTripsTheProfile()
    {
        double[] ageColumn = Normal(Rows, mean: 40, sd: 10, seed: 1);
        double[] incomeColumn = Normal(Rows, mean: 50_000, sd: 12_000, seed: 2);
        string?[] planColumn = Plans(Rows, proShare: 0.3, seed: 3);
        var currentWindow = new DriftWindow()
            .AddNumeric("age", Normal(Rows, mean: 40, sd: 10, seed: 11))
            .AddNumeric("income", Normal(Rows, mean: 65_000, sd: 12_000, seed: 12))
            .AddCategorical("plan", Plans(Rows, proShare: 0.6, seed: 13));
        var drifted = false;

        try
        {
            // <drift-profile-and-detect>
            // At training time: profile the training data and store it beside the model.
            var training = new DriftWindow()
                .AddNumeric("age", ageColumn)                 // double[]; NaN / ±∞ = missing
                .AddNumeric("income", incomeColumn)
                .AddCategorical("plan", planColumn);          // string?[]; null = missing
            var profile = DatasetProfile.Build(training);     // 10 quantile bins per numeric feature
            await using (var file = File.Create("model.profile.json"))
            {
                await profile.WriteToAsync(file);
            }

            // In production: load once, check every window.
            await using var stored = File.OpenRead("model.profile.json");
            var reference = await DatasetProfile.ReadFromAsync(stored);
            var detector = new DriftDetector(reference, new DriftDetectorOptions(), TimeProvider.System);
            DriftReport report = detector.Detect(currentWindow);
            if (report.DatasetDecision == DriftDecision.Drift) { /* … */ }
            string json = report.ToJson();
            // </drift-profile-and-detect>

            drifted = report.DatasetDecision == DriftDecision.Drift;
            reference.ToJson().Should().Be(profile.ToJson(), "a profile read back is the profile written");
            DriftReport.FromJson(json).ToJson().Should().Be(json);
            report.Features.Single(f => f.Feature == "age").Decision.Should().Be(DriftDecision.None);
        }
        finally
        {
            File.Delete("model.profile.json");
        }

        drifted.Should().BeTrue("income and plan moved: two of three features drifted");
    }

    [Fact]
    public void Options_PerFeatureOverrides_ApplyToTheNamedFeatureOnly()
    {
        // <drift-options>
        var options = new DriftDetectorOptions();
        options.Rules = new FeatureDriftRules { KolmogorovSmirnovMinimumEffect = 0.05 };     // all features
        options.FeatureRules["income"] = new FeatureDriftRules { PsiDriftThreshold = 0.3 };  // one feature, wholesale: library defaults otherwise
        options.IgnoredFeatures.Add("row_id");
        // </drift-options>

        var reference = DatasetProfile.Build(new DriftWindow()
            .AddNumeric("income", Normal(Rows, 50_000, 12_000, seed: 4))
            .AddNumeric("age", Normal(Rows, 40, 10, seed: 5))
            .AddNumeric("row_id", Enumerable.Range(0, Rows).Select(i => (double)i).ToArray()));
        var report = new DriftDetector(reference, options).Detect(new DriftWindow()
            .AddNumeric("income", Normal(Rows, 50_000, 12_000, seed: 6))
            .AddNumeric("age", Normal(Rows, 40, 10, seed: 7)));

        options.Rules.KolmogorovSmirnovMinimumEffect.Should().Be(0.05);
        options.FeatureRules["income"].PsiDriftThreshold.Should().Be(0.3);
        options.FeatureRules["income"].KolmogorovSmirnovMinimumEffect.Should().BeNull("a feature's rules replace the shared rules wholesale");
        report.DatasetDecision.Should().Be(DriftDecision.None);
    }

    [Fact]
    public async Task DriftTriggers_DatasetAndFeatureNodes_FireOnADriftedWindow()
    {
        var reference = DatasetProfile.Build(new DriftWindow()
            .AddNumeric("age", Normal(Rows, 40, 10, seed: 21))
            .AddNumeric("income", Normal(Rows, 50_000, 12_000, seed: 22)));
        var detector = new DriftDetector(reference);
        ITriggerStateStore stateStore = new InMemoryTriggerStateStore();
        DriftWindow LastDayWindow() => new DriftWindow()
            .AddNumeric("age", Normal(Rows, 48, 10, seed: 23))
            .AddNumeric("income", Normal(Rows, 70_000, 12_000, seed: 24));

        // <drift-triggers>
        var drift = new ProfileDriftSignalSource(detector, ct => ValueTask.FromResult<DriftWindow?>(LastDayWindow()));
        var context = new TriggerContext(TimeProvider.System, stateStore) { Drift = drift };
        var trigger = Trigger.Any(
            Trigger.Drift(new DriftOptions { MinLevel = DriftDecision.Drift }),                        // dataset verdict
            Trigger.Drift(new DriftOptions { Feature = "income", MinLevel = DriftDecision.Warning }));  // one feature
        var result = await trigger.EvaluateAsync(context);
        // the dataset node explains itself like: "drift level Drift >= Drift; drifted: age (Drift, psi 0.41), income (Drift, psi 0.93)"
        // </drift-triggers>

        result.Fired.Should().BeTrue();
        result.Children.Select(c => c.Outcome).Should().Equal(TriggerOutcome.Fired, TriggerOutcome.Fired);
        result.Children[0].Reason.Should().StartWith("drift level Drift >= Drift; drifted: age (Drift, ").And.Contain("income (Drift, ");
    }

    private static double[] Normal(int count, double mean, double sd, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box–Muller: seeded, so every run sees the same sample.
            var u = 1 - random.NextDouble();
            values[i] = mean + (sd * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return values;
    }

    private static string?[] Plans(int count, double proShare, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() < proShare ? "pro" : "basic")];
    }
}
