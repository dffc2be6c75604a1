using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Drift;
using RetrainTriggers.Drift.Performance;
using RetrainTriggers.Drift.Streaming;

namespace RetrainTriggers.Tests.Triggers;

/// <summary>Every C# snippet of docs/triggers.md, compiled and run; DocSnippetsTests checks the page quotes them verbatim.</summary>
public sealed class TriggerDocsExamplesTests
{
    [Fact]
    public async Task QuickStart_AccuracyOrGrowth()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        // <triggers-quick-start>
        // time: TimeProvider.System in production; a FakeTimeProvider in tests.
        ITriggerStateStore store = new InMemoryTriggerStateStore();  // FileTriggerStateStore survives restarts
        var signals = new InMemorySignals();
        signals.RecordRetrain(time.GetUtcNow(), trainingRowCount: 50_000,
            new Dictionary<string, double> { ["accuracy"] = 0.91 });

        var retrain = Trigger.Below("accuracy", 0.85) | Trigger.Volume(minGrowth: 0.20);

        signals.Record("accuracy", 0.82);
        signals.AddLabeledRows(4_000);
        TriggerResult result = await retrain.EvaluateAsync(signals, store, time);
        // result.Fired == true
        // result.Explain():
        // [Fired] any(threshold:accuracy,volume) (Any): any of 2: accuracy 0.82 < 0.85
        //   [Fired] threshold:accuracy (Threshold): accuracy 0.82 < 0.85 [cause breach@2026-01-01T00:00:00Z]
        //   [NotFired] volume (Volume): growth 8% < 20% (4000 new / 50000 trained)
        // </triggers-quick-start>

        result.Fired.Should().BeTrue();
        result.Explain().Should().Be(
            """
            [Fired] any(threshold:accuracy,volume) (Any): any of 2: accuracy 0.82 < 0.85
              [Fired] threshold:accuracy (Threshold): accuracy 0.82 < 0.85 [cause breach@2026-01-01T00:00:00Z]
              [NotFired] volume (Volume): growth 8% < 20% (4000 new / 50000 trained)
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Threshold_AllForms()
    {
        var h = new TriggerHarness();
        h.Signals.RecordRetrain(h.Now, 1000, new Dictionary<string, double> { ["accuracy"] = 0.9, ["error_rate"] = 0.05 });

        // <triggers-threshold>
        var absolute = Trigger.Below("accuracy", 0.85);                 // accuracy < 0.85
        var ceiling = Trigger.Above("error_rate", 0.10);                // error_rate > 0.10
        var band = Trigger.Threshold(new ThresholdOptions               // latency < 20 or latency > 250
        {
            Metric = "latency_ms", Below = 20, Above = 250,
        });
        var relative = Trigger.Threshold(new ThresholdOptions           // accuracy < 95% of its baseline
        {
            Metric = "accuracy", Below = 0.95, Basis = ThresholdBasis.BaselineFactor, Name = "accuracy-vs-baseline",
        });
        var offset = Trigger.Threshold(new ThresholdOptions             // error_rate > baseline + 0.02
        {
            Metric = "error_rate", Above = 0.02, Basis = ThresholdBasis.BaselineOffset, Name = "error-vs-baseline",
        });
        // </triggers-threshold>

        h.Signals.Record("accuracy", 0.85);
        h.Signals.Record("error_rate", 0.08);
        h.Signals.Record("latency_ms", 300);
        (await h.EvaluateAsync(absolute)).Outcome.Should().Be(TriggerOutcome.NotFired);
        (await h.EvaluateAsync(ceiling)).Outcome.Should().Be(TriggerOutcome.NotFired);
        (await h.EvaluateAsync(band)).Reason.Should().Be("latency_ms 300 > 250");
        (await h.EvaluateAsync(relative)).Reason.Should().Be("accuracy 0.85 < 0.855 (95% of baseline 0.9)");
        (await h.EvaluateAsync(offset)).Reason.Should().Be("error_rate 0.08 > 0.07 (baseline 0.05 + 0.02)");
    }

    [Fact]
    public async Task Schedule_CronAndInterval()
    {
        var h = new TriggerHarness();

        // <triggers-schedule>
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var nightly = Trigger.Cron("0 2 * * *", berlin, name: "nightly");          // 02:00 Berlin time
        var weekly = Trigger.Every(TimeSpan.FromDays(7), name: "weekly");          // 7 days after the anchor
        var strict = Trigger.Schedule(new ScheduleOptions
        {
            Cron = "0 */6 * * *",                                                   // every 6 hours, UTC
            MissedFire = MissedFirePolicy.Skip,                                     // a late occurrence is dropped...
            GracePeriod = TimeSpan.FromMinutes(30),                                 // ...when older than 30 minutes
            Name = "six-hourly",
        });
        // </triggers-schedule>

        var tree = Trigger.Any(nightly, weekly, strict);
        (await h.EvaluateAsync(tree)).Outcome.Should().Be(TriggerOutcome.NotFired);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero));
        var result = await h.EvaluateAsync(tree);
        result.Reason.Should().Be("any of 3: occurrence 2026-01-01T02:00:00+01:00 of '0 2 * * *' (Europe/Berlin) passed since first evaluation 2026-01-01T01:00:00+01:00");
    }

    [Fact]
    public async Task VolumeAndDrift()
    {
        var h = new TriggerHarness();
        h.Signals.RecordRetrain(h.Now, 100_000);
        h.Signals.AddLabeledRows(25_000);

        // <triggers-volume-drift>
        var volume = Trigger.Volume(new VolumeOptions
        {
            MinNewRows = 10_000,            // at least 10 000 new labeled rows
            MinGrowth = 0.20,               // and at least 20% of the last training set
            Match = ConditionMatch.All,
        });
        var datasetDrift = Trigger.Drift(scoreAbove: 0.5);                             // dataset score > 0.5
        var ageDrift = Trigger.Drift(new DriftOptions { Feature = "age", MinLevel = DriftDecision.Drift });
        // </triggers-volume-drift>

        h.Signals.RecordDrift(new DriftSignal { Score = 0.3 });
        h.Signals.RecordDrift("age", new DriftSignal { Level = DriftDecision.Drift, Score = 0.27, Statistic = "psi" });
        (await h.EvaluateAsync(volume)).Reason.Should().Be("new rows 25000 >= 10000 and growth 25% >= 20% (25000 new / 100000 trained)");
        (await h.EvaluateAsync(datasetDrift)).Outcome.Should().Be(TriggerOutcome.NotFired);
        (await h.EvaluateAsync(ageDrift)).Reason.Should().Be("drift of age level Drift >= Drift");
    }

    [Fact]
    public async Task Custom_PredicateAndITrigger()
    {
        var h = new TriggerHarness();
        var flags = new HashSet<string> { "force-retrain" };

        // <triggers-custom>
        var forced = Trigger.When("forced", _ => flags.Contains("force-retrain"));
        var tree = Trigger.From(new LabelBacklogTrigger(maxBacklog: 1_000)) | forced;
        // </triggers-custom>

        var result = await h.EvaluateAsync(tree);
        result.Reason.Should().Be("any of 2: forced is true");
        result.Children[0].Outcome.Should().Be(TriggerOutcome.InsufficientData);
    }

    [Fact]
    public async Task Combinators_AndOperators()
    {
        var h = new TriggerHarness();
        h.Signals.Record("accuracy", 0.8);
        h.Signals.Record("auc", 0.7);
        h.Signals.Record("recall", 0.9);

        // <triggers-combinators>
        var degraded = Trigger.AtLeast(2,
            Trigger.Below("accuracy", 0.85),
            Trigger.Below("auc", 0.75),
            Trigger.Below("recall", 0.80));
        var paused = Trigger.When("paused", _ => false);
        var retrain = Trigger.Any([degraded, Trigger.Drift(0.5)], name: "retrain") & !paused;
        // </triggers-combinators>

        var result = await h.EvaluateAsync(retrain);
        result.Outcome.Should().Be(TriggerOutcome.Fired);
        result.Name.Should().Be("all(retrain,not(paused))");
        result.Children[0].Reason.Should().Be("any of 2: 2 of 3 fired (need 2): accuracy 0.8 < 0.85; auc 0.7 < 0.75");
    }

    [Fact]
    public async Task Modifiers()
    {
        var h = new TriggerHarness();
        h.Signals.RecordDrift(new DriftSignal { Score = 0.6 });

        // <triggers-modifiers>
        var drift = Trigger.Drift(0.5)
            .SustainedFor(TimeSpan.FromDays(3))          // drift score > 0.5 for three days
            .WithCooldown(TimeSpan.FromDays(7));         // then at most once a week
        var accuracy = Trigger.Hysteresis(new HysteresisOptions
        {
            Metric = "accuracy",
            Direction = ThresholdDirection.Below,
            Enter = 0.85,                                // active once accuracy < 0.85
            Exit = 0.88,                                 // until accuracy >= 0.88
        });
        // </triggers-modifiers>

        var outcomes = new List<TriggerOutcome>();
        for (var day = 0; day < 5; day++)
        {
            outcomes.Add((await h.EvaluateAsync(drift)).Outcome);
            h.Time.Advance(TimeSpan.FromDays(1));
        }

        outcomes.Should().Equal(TriggerOutcome.NotFired, TriggerOutcome.NotFired, TriggerOutcome.NotFired, TriggerOutcome.Fired, TriggerOutcome.NotFired);
        h.Store.Values.Keys.Should().BeEquivalentTo("cooldown(sustained(drift))", "cooldown(sustained(drift))/sustained(drift)", "cooldown(sustained(drift))/sustained(drift)/drift");
        h.Signals.Record("accuracy", 0.86);
        (await h.EvaluateAsync(accuracy)).Outcome.Should().Be(TriggerOutcome.NotFired);
    }

    [Fact]
    public async Task Results_Json()
    {
        var h = new TriggerHarness();
        var result = await h.EvaluateAsync(Trigger.Below("accuracy", 0.85));

        // <triggers-json>
        string json = result.ToJson();                       // enums as strings, camelCase, source-generated
        TriggerResult back = TriggerResult.FromJson(json);
        // </triggers-json>

        back.Should().BeEquivalentTo(result);
        json.Should().Contain("\"outcome\":\"InsufficientData\"");
    }

    // <triggers-custom-trigger>
    /// <summary>Fires when the labeling backlog grows past a limit; the host reads it from its own service.</summary>
    public sealed class LabelBacklogTrigger(long maxBacklog) : ITrigger
    {
        public string Name => "label-backlog";

        public string Kind => "LabelBacklog";

        public async ValueTask<TriggerResult> EvaluateAsync(TriggerContext context, CancellationToken cancellationToken = default)
        {
            double? backlog = context.Metrics is { } metrics ? (await metrics.GetMetricAsync("label_backlog", cancellationToken))?.Value : null;
            var outcome = backlog is not { } b || double.IsNaN(b) ? TriggerOutcome.InsufficientData
                : b > maxBacklog ? TriggerOutcome.Fired : TriggerOutcome.NotFired;
            return new TriggerResult
            {
                Name = Name,
                Kind = Kind,
                Path = context.Path,
                Outcome = outcome,
                ObservedValue = backlog,
                Threshold = maxBacklog,
                Reason = backlog is null ? "label_backlog not recorded" : string.Create(CultureInfo.InvariantCulture, $"label_backlog {backlog} > {maxBacklog}: {outcome}"),
                EvaluatedAt = context.Now,
            };
        }
    }
    // </triggers-custom-trigger>

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
    }

    private sealed class RecordedImportances(IReadOnlyDictionary<string, double> then, IReadOnlyDictionary<string, double> now) : IFeatureImportanceSource
    {
        public ValueTask<IReadOnlyDictionary<string, double>?> GetCurrentImportancesAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<IReadOnlyDictionary<string, double>?>(now);

        public ValueTask<IReadOnlyDictionary<string, double>?> GetImportancesAtLastRetrainAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<IReadOnlyDictionary<string, double>?>(then);
    }
}
