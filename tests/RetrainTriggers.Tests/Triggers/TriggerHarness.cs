using Microsoft.Extensions.Time.Testing;

namespace RetrainTriggers.Tests.Triggers;

/// <summary>Signals, a fake clock and a state store wired together, so a test reads as "record, advance, evaluate".</summary>
public sealed class TriggerHarness
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TriggerHarness(DateTimeOffset? start = null, TestStateStore? store = null)
    {
        Time = new FakeTimeProvider(start ?? Start);
        Store = store ?? new TestStateStore();
        Signals = new InMemorySignals(Time);
    }

    public FakeTimeProvider Time { get; }

    public InMemorySignals Signals { get; }

    public TestStateStore Store { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public ValueTask<TriggerResult> EvaluateAsync(ITrigger trigger) =>
        TriggerEvaluator.EvaluateAsync(trigger, Signals, Store, Time);

    public TriggerContext RootContext() => new(Time, Store)
    {
        Metrics = Signals,
        DataVolume = Signals,
        RetrainHistory = Signals,
        Drift = Signals,
    };
}

/// <summary>A host-style trigger with a settable outcome that counts its evaluations.</summary>
public sealed class FixedTrigger(string name, TriggerOutcome outcome) : ITrigger
{
    public string Name { get; } = name;

    public string Kind => "Fixed";

    public TriggerOutcome Outcome { get; set; } = outcome;

    public int Evaluations { get; private set; }

    public ValueTask<TriggerResult> EvaluateAsync(TriggerContext context, CancellationToken cancellationToken = default)
    {
        Evaluations++;
        return new(new TriggerResult
        {
            Name = Name,
            Kind = Kind,
            Outcome = Outcome,
            Path = context.Path,
            Reason = $"{Name} {Outcome}",
            EvaluatedAt = context.Now,
        });
    }
}
