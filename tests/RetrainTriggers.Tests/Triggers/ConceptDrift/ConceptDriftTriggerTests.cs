using Microsoft.Extensions.Time.Testing;
using RetrainTriggers.Drift.Streaming;
using RetrainTriggers.Tests.Drift.Streaming;

namespace RetrainTriggers.Tests.Triggers.ConceptDrift;

public class ConceptDriftTriggerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EvaluateAsync_ErrorRateRises_FiresOnceOnTheBatchWithTheDetectionAndKeepsStateAcrossInstances()
    {
        var errors = DriftStreams.AbruptErrors(seed: 4);
        var streams = new InMemoryValueStreams();
        var store = new InMemoryTriggerStateStore();
        var time = new FakeTimeProvider(Start);
        var outcomes = new List<TriggerResult>();
        for (var batch = 0; batch < errors.Length / 100; batch++)
        {
            for (var i = batch * 100; i < (batch + 1) * 100; i++)
            {
                streams.Record("errors", errors[i]);
            }

            // A new trigger instance per evaluation: everything it knows comes from the state store.
            var trigger = Trigger.ConceptDrift(new ConceptDriftOptions { Stream = "errors", Source = streams });
            outcomes.Add(await trigger.EvaluateAsync(new TriggerContext(time, store)));
            time.Advance(TimeSpan.FromMinutes(5));
        }

        var expected = DriftStreams.Drifts(new Adwin(), errors);
        var firedBatches = outcomes.Select((r, b) => (r, b)).Where(x => x.r.Fired).Select(x => x.b).ToArray();
        firedBatches.Should().Equal(expected.Select(i => i / 100).Distinct(), "the trigger fires on the batches whose values contain a detection");
        firedBatches.Should().NotBeEmpty().And.OnlyContain(b => b >= DriftStreams.ChangeAt / 100);
        var first = outcomes[firedBatches[0]];
        first.Reason.Should().Be($"ADWIN on stream 'errors' detected a drift at value #{expected[0]}");
        first.Cause.Should().Be($"concept-drift@errors#{expected[0]}");
        outcomes[0].Outcome.Should().Be(TriggerOutcome.NotFired);
        outcomes[0].Reason.Should().Contain("no drift in 100 new value(s)");
    }

    [Fact]
    public async Task EvaluateAsync_NothingRecorded_IsInsufficientData()
    {
        var trigger = Trigger.ConceptDrift(new ConceptDriftOptions { Stream = "errors", Source = new InMemoryValueStreams() });

        var result = await trigger.EvaluateAsync(new TriggerContext(new FakeTimeProvider(Start), new InMemoryTriggerStateStore()));

        result.Outcome.Should().Be(TriggerOutcome.InsufficientData);
        result.Name.Should().Be("concept-drift(errors)");
        result.Kind.Should().Be("ConceptDrift");
    }

    [Fact]
    public async Task EvaluateAsync_WarningWithFireOnWarning_Fires()
    {
        var streams = new InMemoryValueStreams();
        foreach (var e in DriftStreams.GradualErrors(seed: 2))
        {
            streams.Record("errors", e);
        }

        var trigger = Trigger.ConceptDrift(new ConceptDriftOptions { Stream = "errors", Source = streams, Detector = () => new Ddm(), FireOnWarning = true });

        var result = await trigger.EvaluateAsync(new TriggerContext(new FakeTimeProvider(Start), new InMemoryTriggerStateStore()));

        result.Fired.Should().BeTrue();
        result.Reason.Should().StartWith("DDM on stream 'errors'");
    }

    [Fact]
    public async Task EvaluateAsync_CorruptState_ResetsAndSaysSo()
    {
        var store = new InMemoryTriggerStateStore();
        var streams = new InMemoryValueStreams();
        streams.Record("errors", 0);
        var trigger = Trigger.ConceptDrift(new ConceptDriftOptions { Stream = "errors", Source = streams });
        await store.SetAsync(trigger.Name, "{not json");

        var result = await trigger.EvaluateAsync(new TriggerContext(new FakeTimeProvider(Start), store));

        result.Outcome.Should().Be(TriggerOutcome.NotFired);
        result.Reason.Should().Contain("was unreadable").And.Contain("was reset");
    }

    [Fact]
    public void ConceptDrift_MissingStreamOrSource_Throws()
    {
        FluentActions.Invoking(() => Trigger.ConceptDrift(new ConceptDriftOptions { Source = new InMemoryValueStreams() }))
            .Should().Throw<ArgumentException>().WithMessage("*Stream*");
        FluentActions.Invoking(() => Trigger.ConceptDrift(new ConceptDriftOptions { Stream = "errors" }))
            .Should().Throw<ArgumentException>().WithMessage("*Source*");
    }

    [Fact]
    public async Task InMemoryValueStreams_BeyondCapacity_KeepsPositions()
    {
        var streams = new InMemoryValueStreams(capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            streams.Record("s", i);
        }

        var (first, values) = await streams.ReadAsync("s", 0);

        first.Should().Be(2);
        values.Should().Equal(2, 3, 4);
        (await streams.ReadAsync("s", 4)).Values.Should().Equal(4);
        (await streams.ReadAsync("other", 0)).Values.Should().BeEmpty();
    }
}
