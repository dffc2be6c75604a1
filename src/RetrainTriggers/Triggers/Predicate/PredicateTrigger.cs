namespace RetrainTriggers;

/// <summary>Fires when a host predicate returns true.</summary>
internal sealed class PredicateTrigger : Trigger
{
    private readonly Func<TriggerContext, CancellationToken, ValueTask<bool>> predicate;

    public PredicateTrigger(string name, Func<TriggerContext, CancellationToken, ValueTask<bool>> predicate)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        this.predicate = predicate;
    }

    public override string Kind => TriggerKinds.Predicate;

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var fired = await predicate(context, cancellationToken).ConfigureAwait(false);
        return Result(context, fired ? TriggerOutcome.Fired : TriggerOutcome.NotFired, $"{Name} is {(fired ? "true" : "false")}");
    }
}
