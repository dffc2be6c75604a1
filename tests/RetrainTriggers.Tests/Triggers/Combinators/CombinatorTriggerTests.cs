namespace RetrainTriggers.Tests.Triggers;

public sealed class CombinatorTriggerTests
{
    private const TriggerOutcome F = TriggerOutcome.Fired;
    private const TriggerOutcome N = TriggerOutcome.NotFired;
    private const TriggerOutcome I = TriggerOutcome.InsufficientData;

    private readonly TriggerHarness h = new();

    [Fact]
    public async Task Any_AccuracyOrVolumeGrowth_FiresWhenEitherHoldsAndSaysWhich()
    {
        h.Signals.RecordRetrain(h.Now, 10_000, new Dictionary<string, double> { ["accuracy"] = 0.9 });
        var trigger = Trigger.Below("accuracy", 0.85) | Trigger.Volume(minGrowth: 0.20);

        h.Signals.Record("accuracy", 0.80);
        h.Signals.AddLabeledRows(1_000);
        var accuracyOnly = await h.EvaluateAsync(trigger);
        h.Signals.Record("accuracy", 0.88);
        h.Signals.AddLabeledRows(1_500);
        var volumeOnly = await h.EvaluateAsync(trigger);
        h.Signals.RecordRetrain(h.Now, 10_000);
        var neither = await h.EvaluateAsync(trigger);

        accuracyOnly.Outcome.Should().Be(F);
        accuracyOnly.Reason.Should().Be("any of 2: accuracy 0.8 < 0.85");
        volumeOnly.Outcome.Should().Be(F);
        volumeOnly.Reason.Should().Be("any of 2: growth 25% >= 20% (2500 new / 10000 trained)");
        neither.Outcome.Should().Be(N);
        neither.Reason.Should().Be("none of 2 fired");
        neither.Children.Select(c => c.Outcome).Should().Equal(N, N);
        accuracyOnly.Name.Should().Be("any(threshold:accuracy,volume)");
    }

    [Theory]
    [InlineData(new[] { F, N }, F)]
    [InlineData(new[] { F, I }, F)]
    [InlineData(new[] { N, I }, I)]
    [InlineData(new[] { I, I }, I)]
    [InlineData(new[] { N, N }, N)]
    public async Task Any_OutcomeAlgebra(TriggerOutcome[] children, TriggerOutcome expected)
    {
        var result = await h.EvaluateAsync(Trigger.Any(Fixed(children)));

        result.Outcome.Should().Be(expected);
    }

    [Theory]
    [InlineData(new[] { F, F }, F)]
    [InlineData(new[] { F, I }, I)]
    [InlineData(new[] { N, I }, N)]
    [InlineData(new[] { I, I }, I)]
    [InlineData(new[] { F, N }, N)]
    public async Task All_OutcomeAlgebra(TriggerOutcome[] children, TriggerOutcome expected)
    {
        var result = await h.EvaluateAsync(Trigger.All(Fixed(children)));

        result.Outcome.Should().Be(expected);
    }

    [Theory]
    [InlineData(2, new[] { F, F, N }, F)]
    [InlineData(2, new[] { F, N, N }, N)]
    [InlineData(2, new[] { F, I, N }, I)]
    [InlineData(3, new[] { F, F, I }, I)]
    [InlineData(1, new[] { N, N, I }, I)]
    [InlineData(3, new[] { F, F, F }, F)]
    public async Task AtLeast_OutcomeAlgebra(int k, TriggerOutcome[] children, TriggerOutcome expected)
    {
        var result = await h.EvaluateAsync(Trigger.AtLeast(k, Fixed(children)));

        result.Outcome.Should().Be(expected);
        result.ObservedValue.Should().Be(children.Count(c => c == F));
        result.Threshold.Should().Be(k);
    }

    [Fact]
    public async Task AtLeast_Reason_CountsAndListsFiredChildren()
    {
        var result = await h.EvaluateAsync(Trigger.AtLeast(2, Fixed([F, N, F])));

        result.Reason.Should().Be("2 of 3 fired (need 2): c0 Fired; c2 Fired");
        result.Name.Should().Be("at-least-2(c0,c1,c2)");
    }

    [Fact]
    public async Task All_NotFired_ReasonListsTheChildrenThatDidNotFire()
    {
        var result = await h.EvaluateAsync(Trigger.All(Fixed([F, N, I])));

        result.Reason.Should().Be("not all of 3: c1 NotFired");
    }

    [Fact]
    public async Task Any_Insufficient_ReasonNamesTheMissingData()
    {
        var result = await h.EvaluateAsync(Trigger.Any(Trigger.Below("accuracy", 0.85), Trigger.Volume(minNewRows: 10)));

        result.Outcome.Should().Be(I);
        result.Reason.Should().Be("none of 2 fired; insufficient data: accuracy has not been recorded");
    }

    [Fact]
    public async Task Any_Default_EvaluatesEveryChild()
    {
        var children = Fixed([F, N, F]);

        var result = await h.EvaluateAsync(Trigger.Any(children));

        children.Should().OnlyContain(c => c.Evaluations == 1);
        result.Children.Should().HaveCount(3);
        result.Children.Select(c => c.Path).Should().Equal("any(c0,c1,c2)/c0", "any(c0,c1,c2)/c1", "any(c0,c1,c2)/c2");
    }

    [Fact]
    public async Task Any_ShortCircuit_StopsAtFirstFired()
    {
        var children = Fixed([N, F, F]);

        var result = await h.EvaluateAsync(Trigger.Any(children, shortCircuit: true));

        result.Outcome.Should().Be(F);
        children.Select(c => c.Evaluations).Should().Equal(1, 1, 0);
        result.Reason.Should().Be("any of 3: c1 Fired (1 not evaluated: short-circuit)");
    }

    [Fact]
    public async Task All_ShortCircuit_StopsAtFirstNotFired()
    {
        var children = Fixed([N, F]);

        var result = await h.EvaluateAsync(Trigger.All(children, shortCircuit: true));

        result.Outcome.Should().Be(N);
        children.Select(c => c.Evaluations).Should().Equal(1, 0);
    }

    [Fact]
    public void Operators_ChainedOr_FlattenIntoOneAny()
    {
        var a = Trigger.Below("a", 1);
        var b = Trigger.Below("b", 1);
        var c = Trigger.Below("c", 1);

        var tree = a | b | c;

        tree.Kind.Should().Be("Any");
        tree.Children.Should().Equal(a, b, c);
        tree.Name.Should().Be("any(threshold:a,threshold:b,threshold:c)");
    }

    [Fact]
    public async Task Operators_AndOrNot_ReadAsBooleanAlgebra()
    {
        h.Signals.Record("a", 0);
        h.Signals.Record("b", 2);
        h.Signals.Record("c", 0);
        h.Signals.Record("d", 2);
        var a = Trigger.Below("a", 1);
        var b = Trigger.Below("b", 1);
        var c = Trigger.Below("c", 1);
        var d = Trigger.Below("d", 1);

        var tree = (a & !b) | (c & d);
        var result = await h.EvaluateAsync(tree);

        result.Outcome.Should().Be(F);
        tree.Children.Select(x => x.Name).Should().Equal("all(threshold:a,not(threshold:b))", "all(threshold:c,threshold:d)");
        result.Children[0].Outcome.Should().Be(F);
        result.Children[1].Outcome.Should().Be(N);
    }

    [Fact]
    public void Operators_NamedAny_IsNotFlattened()
    {
        var named = Trigger.Any([Trigger.Below("a", 1), Trigger.Below("b", 1)], name: "quality");

        var tree = named | Trigger.Below("c", 1);

        tree.Children.Select(x => x.Name).Should().Equal("quality", "threshold:c");
    }

    [Fact]
    public void Any_NoChildren_Throws()
    {
        var act = () => Trigger.Any();

        act.Should().Throw<ArgumentException>().WithParameterName("children").WithMessage("*Any must list at least one trigger*");
    }

    [Fact]
    public void All_NoChildren_Throws()
    {
        var act = () => Trigger.All([], name: "x");

        act.Should().Throw<ArgumentException>().WithMessage("*All must list at least one trigger*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void AtLeast_CountOutsideOneToN_Throws(int k)
    {
        var act = () => Trigger.AtLeast(k, Trigger.Below("a", 1), Trigger.Below("b", 1));

        act.Should().Throw<ArgumentException>().WithMessage("*AtLeast:Count must be between 1 and*");
    }

    [Fact]
    public void Any_NullChild_Throws()
    {
        var act = () => Trigger.Any(Trigger.Below("a", 1), null!);

        act.Should().Throw<ArgumentException>().WithMessage("*null child*");
    }

    [Fact]
    public void Any_DuplicateNames_ThrowsNamingDuplicateAndBothPaths()
    {
        var inner = Trigger.Any([Trigger.Below("accuracy", 0.85), Trigger.Volume(minNewRows: 10)], name: "quality");

        var act = () => Trigger.Any([inner, Trigger.Below("accuracy", 0.8)], name: "root");

        act.Should().Throw<ArgumentException>()
            .WithMessage("Duplicate trigger name 'threshold:accuracy' at 'root/quality/threshold:accuracy' and 'root/threshold:accuracy'*");
    }

    [Fact]
    public void Any_SameInstanceTwice_Throws()
    {
        var a = Trigger.Below("a", 1);

        var act = () => a | a;

        act.Should().Throw<ArgumentException>().WithMessage("Duplicate trigger name 'threshold:a'*");
    }

    private static FixedTrigger[] Fixed(TriggerOutcome[] outcomes) =>
        [.. outcomes.Select((o, i) => new FixedTrigger("c" + i, o))];

    [Fact]
    public async Task Any_Fired_JoinsFiredChildrenCausesInChildOrder()
    {
        var h = new TriggerHarness();
        h.Signals.Record("accuracy", 0.8);
        h.Signals.Record("error_rate", 0.3);
        h.Signals.AddLabeledRows(1);
        var trigger = Trigger.Any([Trigger.Below("accuracy", 0.85), Trigger.Volume(minNewRows: 10), Trigger.Above("error_rate", 0.2), Trigger.When("flag", _ => true)], name: "any");

        var result = await h.EvaluateAsync(trigger);

        result.Cause.Should().Be("any/threshold:accuracy=breach@2026-01-01T00:00:00Z;any/threshold:error_rate=breach@2026-01-01T00:00:00Z");
    }

    [Fact]
    public async Task Any_OnlyChildrenWithoutCauseFired_HasNoCause()
    {
        var h = new TriggerHarness();

        var result = await h.EvaluateAsync(Trigger.Any(Trigger.When("flag", _ => true), !Trigger.When("off", _ => false)));

        result.Fired.Should().BeTrue();
        result.Cause.Should().BeNull();
    }
}
