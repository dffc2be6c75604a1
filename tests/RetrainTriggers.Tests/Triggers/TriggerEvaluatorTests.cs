namespace RetrainTriggers.Tests.Triggers;

public sealed class TriggerEvaluatorTests
{
    private readonly TriggerHarness h = new();

    [Fact]
    public async Task EvaluateAsync_RootContext_PositionsRootAtItsName()
    {
        var custom = new FixedTrigger("custom", TriggerOutcome.Fired);

        var result = await TriggerEvaluator.EvaluateAsync(custom, h.RootContext());

        result.Path.Should().Be("custom");
    }

    [Fact]
    public async Task EvaluateAsync_ReadsClockOnceForTheWholeTree()
    {
        var seen = new List<DateTimeOffset>();
        var tree = Trigger.Any(
            Trigger.When("a", c => { seen.Add(c.Now); h.Time.Advance(TimeSpan.FromMinutes(5)); return false; }),
            Trigger.When("b", c => { seen.Add(c.Now); return false; }));

        var result = await TriggerEvaluator.EvaluateAsync(tree, h.Signals, h.Store, h.Time);

        seen.Should().Equal(TriggerHarness.Start, TriggerHarness.Start);
        result.EvaluatedAt.Should().Be(TriggerHarness.Start);
    }

    [Fact]
    public async Task EvaluateAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = async () => await Trigger.Below("a", 1).EvaluateAsync(h.RootContext(), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task EvaluateAsync_NullArguments_Throw()
    {
        var nullRoot = async () => await TriggerEvaluator.EvaluateAsync(null!, h.RootContext());
        var nullSignals = async () => await TriggerEvaluator.EvaluateAsync(Trigger.Below("a", 1), null!, h.Store, h.Time);
        var nullStore = async () => await TriggerEvaluator.EvaluateAsync(Trigger.Below("a", 1), h.Signals, null!, h.Time);

        await nullRoot.Should().ThrowAsync<ArgumentNullException>().WithParameterName("root");
        await nullSignals.Should().ThrowAsync<ArgumentNullException>().WithParameterName("signals");
        await nullStore.Should().ThrowAsync<ArgumentNullException>().WithParameterName("stateStore");
    }

    [Fact]
    public void Validate_CustomTreeWithDuplicateNames_ThrowsNamingBothPaths()
    {
        var tree = new CustomParent("root", new FixedTrigger("x", TriggerOutcome.Fired), new CustomParent("inner", new FixedTrigger("x", TriggerOutcome.Fired)));

        var act = () => TriggerEvaluator.Validate(tree);

        act.Should().Throw<ArgumentException>().WithParameterName("root")
            .WithMessage("Duplicate trigger name 'x' at 'root/x' and 'root/inner/x'*");
    }

    [Fact]
    public void Validate_CustomTriggerWithSlashInName_Throws()
    {
        var act = () => TriggerEvaluator.Validate(new CustomParent("root", new FixedTrigger("a/b", TriggerOutcome.Fired)));

        act.Should().Throw<ArgumentException>().WithMessage("The trigger under 'root' has the invalid name 'a/b'*");
    }

    private sealed class CustomParent(string name, params ITrigger[] children) : ITrigger
    {
        public string Name => name;

        public string Kind => "Custom";

        public IReadOnlyList<ITrigger> Children => children;

        public ValueTask<TriggerResult> EvaluateAsync(TriggerContext context, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    [Fact]
    public void Validate_TreeContainingItself_ReportsACycle()
    {
        var loop = new LoopTrigger();

        var act = () => TriggerEvaluator.Validate(loop);

        act.Should().Throw<ArgumentException>().WithMessage("The trigger tree contains a cycle: 'loop' is its own descendant*")
            .Which.Message.Should().NotContain("Duplicate");
    }

    private sealed class LoopTrigger : ITrigger
    {
        public string Name => "loop";

        public string Kind => "Loop";

        public IReadOnlyList<ITrigger> Children => [this];

        public ValueTask<TriggerResult> EvaluateAsync(TriggerContext context, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("never evaluated");
    }
}
