namespace RetrainTriggers;

/// <summary>A transparent wrapper that gives a host <see cref="ITrigger"/> the operators and fluent modifiers.</summary>
internal sealed class WrappedTrigger : Trigger
{
    private readonly ITrigger inner;

    public WrappedTrigger(ITrigger inner)
        : base(inner.Name)
    {
        TriggerTree.Validate(inner, nameof(inner));
        this.inner = inner;
    }

    public override string Kind => inner.Kind;

    public override IReadOnlyList<ITrigger> Children => inner.Children;

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var result = await inner.EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
        return result ?? Result(context, TriggerOutcome.InsufficientData, $"trigger '{Name}' returned no result");
    }
}
