namespace RetrainTriggers;

/// <summary>Swaps Fired and NotFired of its child; InsufficientData stays InsufficientData.</summary>
internal sealed class NotTrigger : Trigger
{
    private readonly ITrigger inner;

    public NotTrigger(ITrigger inner, string? name)
        : base(name ?? $"not({Require(inner).Name})")
    {
        this.inner = inner;
        Children = [inner];
        TriggerTree.Validate(this, nameof(inner));
    }

    public override string Kind => TriggerKinds.Not;

    public override IReadOnlyList<ITrigger> Children { get; }

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var child = await EvaluateChildAsync(inner, context, cancellationToken).ConfigureAwait(false);
        var outcome = child.Outcome switch
        {
            TriggerOutcome.Fired => TriggerOutcome.NotFired,
            TriggerOutcome.NotFired => TriggerOutcome.Fired,
            _ => TriggerOutcome.InsufficientData,
        };
        return Result(context, outcome, $"not: {child.Reason}", child.ObservedValue, child.Threshold, [child]);
    }

    internal static ITrigger Require(ITrigger inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return inner;
    }
}
