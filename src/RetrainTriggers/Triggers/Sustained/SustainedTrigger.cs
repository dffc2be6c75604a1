using System.Globalization;

namespace RetrainTriggers;

/// <summary>Fires only when its child has kept firing for a duration and/or a number of consecutive evaluations.</summary>
/// <remarks>
/// State (key = this node's path): when the current streak began and how many evaluations in it fired. NotFired ends the
/// streak; InsufficientData keeps it without counting (or ends it with <see cref="SustainedOptions.ResetOnInsufficientData"/>);
/// a retrain completed after the streak began also ends it, because the streak described the model that was replaced.
/// </remarks>
internal sealed class SustainedTrigger : Trigger
{
    private readonly ITrigger inner;
    private readonly TimeSpan? duration;
    private readonly int? evaluations;
    private readonly bool resetOnInsufficientData;

    public SustainedTrigger(ITrigger inner, SustainedOptions options)
        : base(OptionsValidation.ThrowIfInvalid(options, TriggerKinds.Sustained, (o, path, errors) => o.Validate(path, errors)).Name
               ?? $"sustained({NotTrigger.Require(inner).Name})")
    {
        this.inner = inner;
        duration = options.Duration;
        evaluations = options.Evaluations;
        resetOnInsufficientData = options.ResetOnInsufficientData;
        Children = [inner];
        TriggerTree.Validate(this, nameof(inner));
    }

    public override string Kind => TriggerKinds.Sustained;

    public override IReadOnlyList<ITrigger> Children { get; }

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var (stored, note) = await TriggerStateIO.ReadAsync(context, TriggerStateJsonContext.Default.SustainedState, cancellationToken).ConfigureAwait(false);
        if (stored is { Count: < 0 } || stored is { Since: null, Count: > 0 } || stored?.Since > context.Now)
        {
            (stored, note) = (null, $"stored state at '{context.Path}' was inconsistent and was reset");
        }

        var since = stored?.Since;
        var count = stored?.Count ?? 0;
        var child = await EvaluateChildAsync(inner, context, cancellationToken).ConfigureAwait(false);

        if (since is { } start && context.RetrainHistory is not null)
        {
            var last = await context.RetrainHistory.GetLastRetrainAsync(cancellationToken).ConfigureAwait(false);
            if (last is not null && last.CompletedAt > start)
            {
                (since, count) = (null, 0);
                note = note is null ? "streak reset by the retrain at " + TriggerFormat.Instant(last.CompletedAt) : note;
            }
        }

        TriggerOutcome outcome;
        string reason;
        switch (child.Outcome)
        {
            case TriggerOutcome.Fired:
                since ??= context.Now;
                count = count == int.MaxValue ? count : count + 1;
                var held = context.Now - since.Value;
                var met = (duration is null || held >= duration) && (evaluations is null || count >= evaluations);
                outcome = met ? TriggerOutcome.Fired : TriggerOutcome.NotFired;
                reason = $"{(met ? "held" : "holding")} {Progress(held, count)} since {TriggerFormat.Instant(since.Value)}: {child.Reason}";
                break;
            case TriggerOutcome.NotFired:
                outcome = TriggerOutcome.NotFired;
                reason = (since is null ? string.Empty : "streak ended: ") + child.Reason;
                (since, count) = (null, 0);
                break;
            default:
                outcome = TriggerOutcome.InsufficientData;
                if (resetOnInsufficientData || since is null)
                {
                    reason = (since is null ? string.Empty : "streak ended: ") + child.Reason;
                    (since, count) = (null, 0);
                }
                else
                {
                    reason = $"streak since {TriggerFormat.Instant(since.Value)} kept, not counted: {child.Reason}";
                }

                break;
        }

        if (stored is null || note is not null || stored.Since != since || stored.Count != count)
        {
            var state = new SustainedState { Since = since, Count = count };
            await TriggerStateIO.WriteAsync(context, state, TriggerStateJsonContext.Default.SustainedState, cancellationToken).ConfigureAwait(false);
        }

        double? observed = duration is not null ? (since is { } s ? (context.Now - s).TotalSeconds : 0) : count;
        double? threshold = duration is { } dur ? dur.TotalSeconds : evaluations;
        return Result(context, outcome, TriggerStateIO.WithNote(note, reason), observed, threshold, [child], child.Cause);
    }

    private string Progress(TimeSpan held, int count)
    {
        var parts = new List<string>(2);
        if (duration is { } d)
        {
            parts.Add($"{TriggerFormat.Duration(held)} {(held >= d ? ">=" : "<")} {TriggerFormat.Duration(d)}");
        }

        var counted = count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " evaluation" : " evaluations");
        parts.Add(evaluations is { } e ? $"{counted} {(count >= e ? ">=" : "<")} {e.ToString(CultureInfo.InvariantCulture)}" : counted);
        return string.Join(", ", parts);
    }
}
