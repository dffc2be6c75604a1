using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Drift.Performance;

namespace RetrainTriggers.Tests.Triggers;

public class EstimatedPerformanceSignalsTests
{
    [Fact]
    public async Task BelowTrigger_OnEstimatedAccuracyOfAHarderWindow_FiresAndSaysItIsAnEstimate()
    {
        var random = new Random(21);
        var referenceQ = Enumerable.Range(0, 5000).Select(_ => random.NextDouble()).ToArray();
        var referenceLabels = referenceQ.Select(q => random.NextDouble() < q).ToArray();
        var estimator = PerformanceEstimator.Fit(referenceQ, referenceLabels);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var signals = new EstimatedPerformanceSignals(estimator, windowSize: 1000, minimumCount: 200, timeProvider: time);
        var trigger = Trigger.Below("estimated_accuracy", 0.7);
        var store = new InMemoryTriggerStateStore();

        var empty = await trigger.EvaluateAsync(new TriggerContext(time, store) { Metrics = signals });
        for (var i = 0; i < 1000; i++)
        {
            signals.RecordPrediction(0.3 + (0.4 * random.NextDouble()));   // uncertain predictions: accuracy ≈ 0.6
        }

        var result = await trigger.EvaluateAsync(new TriggerContext(time, store) { Metrics = signals });

        empty.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Fired.Should().BeTrue();
        result.Explain().Should().Contain("estimated_accuracy");
        (await signals.GetMetricAsync("estimated_accuracy_lower"))!.Value.Value.Should().BeLessThan((await signals.GetMetricAsync("estimated_accuracy"))!.Value.Value);
        (await signals.GetMetricAsync("estimated_accuracy"))!.Value.Timestamp.Should().Be(time.GetUtcNow());
        (await signals.GetMetricAsync("accuracy")).Should().BeNull();
        (await signals.GetMetricAsync("estimated_log_loss")).Should().BeNull();
    }

    [Fact]
    public void RecordPrediction_OutsideUnitInterval_Throws()
    {
        var random = new Random(2);
        var q = Enumerable.Range(0, 1000).Select(_ => random.NextDouble()).ToArray();
        var signals = new EstimatedPerformanceSignals(PerformanceEstimator.Fit(q, q.Select(v => v > 0.5).ToArray()));

        var act = () => signals.RecordPrediction(double.NaN);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("probability");
    }
}
