namespace RetrainTriggers;

/// <summary>Lets its child fire at most once per period; a firing child inside the period gives NotFired with "cooling down until …".</summary>
/// <remarks>State (key = this node's path): when this node last fired. The child is always evaluated, so its own state keeps moving.</remarks>
internal sealed class CooldownTrigger : Trigger
{
    private readonly ITrigger inner;
    private readonly TimeSpan period;

    public CooldownTrigger(ITrigger inner, CooldownOptions options)
        : base(OptionsValidation.ThrowIfInvalid(options, TriggerKinds.Cooldown, (o, path, errors) => o.Validate(path, errors)).Name
               ?? $"cooldown({NotTrigger.Require(inner).Name})")
    {
        this.inner = inner;
        period = options.Period!.Value;
        Children = [inner];
        TriggerTree.Validate(this, nameof(inner));
    }

    public override string Kind => TriggerKinds.Cooldown;

    public override IReadOnlyList<ITrigger> Children { get; }

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var (stored, note) = await TriggerStateIO.ReadAsync(context, TriggerStateJsonContext.Default.CooldownState, cancellationToken).ConfigureAwait(false);
        if (stored?.LastFiredAt > context.Now)
        {
            // A last firing in the future (clock moved back, foreign state) would block for an unbounded time: start fresh.
            (stored, note) = (null, $"stored state at '{context.Path}' was in the future and was reset");
        }

        var child = await EvaluateChildAsync(inner, context, cancellationToken).ConfigureAwait(false);
        if (note is not null && child.Outcome != TriggerOutcome.Fired)
        {
            await TriggerStateIO.WriteAsync(context, new CooldownState(), TriggerStateJsonContext.Default.CooldownState, cancellationToken).ConfigureAwait(false);
        }

        if (child.Outcome != TriggerOutcome.Fired)
        {
            return Result(context, child.Outcome, TriggerStateIO.WithNote(note, child.Reason), child.ObservedValue, child.Threshold, [child]);
        }

        if (stored?.LastFiredAt is { } last && context.Now - last < period)
        {
            var reason = $"cooling down until {TriggerFormat.Instant(last + period)} (last fired {TriggerFormat.Instant(last)}): {child.Reason}";
            return Result(context, TriggerOutcome.NotFired, reason, child.ObservedValue, child.Threshold, [child]);
        }

        await TriggerStateIO.WriteAsync(context, new CooldownState { LastFiredAt = context.Now }, TriggerStateJsonContext.Default.CooldownState, cancellationToken).ConfigureAwait(false);
        return Result(context, TriggerOutcome.Fired, TriggerStateIO.WithNote(note, child.Reason), child.ObservedValue, child.Threshold, [child], child.Cause);
    }
}
