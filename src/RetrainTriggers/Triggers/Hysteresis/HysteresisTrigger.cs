namespace RetrainTriggers;

/// <summary>Fires while a metric is in its bad zone, entering and leaving it at separate thresholds so it does not flap.</summary>
/// <remarks>
/// State (key = this node's path): whether the trigger is active and since when. A missing reading keeps the flag; a
/// retrain completed after the trigger became active clears it.
/// </remarks>
internal sealed class HysteresisTrigger : Trigger
{
    private readonly string metric;
    private readonly ThresholdDirection direction;
    private readonly double enter;
    private readonly double exit;
    private readonly ThresholdBasis basis;
    private readonly TimeSpan? maxAge;

    public HysteresisTrigger(HysteresisOptions options)
        : base(DefaultName(OptionsValidation.ThrowIfInvalid(options, TriggerKinds.Hysteresis, (o, path, errors) => o.Validate(path, errors))))
    {
        metric = options.Metric;
        direction = options.Direction;
        enter = options.Enter;
        exit = options.Exit;
        basis = options.Basis;
        maxAge = options.MaxAge;
    }

    public override string Kind => TriggerKinds.Hysteresis;

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var (stored, note) = await TriggerStateIO.ReadAsync(context, TriggerStateJsonContext.Default.HysteresisState, cancellationToken).ConfigureAwait(false);
        var wasActive = stored?.Active ?? false;
        if (wasActive && stored!.Since is { } since && context.RetrainHistory is not null
            && await context.RetrainHistory.GetLastRetrainAsync(cancellationToken).ConfigureAwait(false) is { } last
            && last.CompletedAt > since)
        {
            // The bad zone was entered by the model that a retrain has since replaced: the new model starts inactive.
            wasActive = false;
            note ??= "active state reset by the retrain at " + TriggerFormat.Instant(last.CompletedAt);
        }

        var (value, problem) = await MetricReader.ReadValueAsync(context, metric, maxAge, cancellationToken).ConfigureAwait(false);
        var (baseline, baselineProblem) = problem is null
            ? await MetricReader.ReadBaselineAsync(context, metric, basis, cancellationToken).ConfigureAwait(false)
            : (0, null);
        if ((problem ?? baselineProblem) is { } missing)
        {
            // The active flag is kept: a missing reading says nothing about whether the metric recovered.
            return Result(context, TriggerOutcome.InsufficientData, TriggerStateIO.WithNote(note, missing + (wasActive ? " (stays active)" : string.Empty)), observed: problem is null ? value : null);
        }

        var enterAt = MetricReader.Effective(basis, enter, baseline);
        var exitAt = MetricReader.Effective(basis, exit, baseline);
        var below = direction == ThresholdDirection.Below;
        bool active;
        string reason;
        if (!wasActive)
        {
            active = below ? value < enterAt : value > enterAt;
            var (v, t) = TriggerFormat.Pair(value, enterAt);
            reason = active
                ? $"{metric} {v} {(below ? "<" : ">")} {t}: entered (exits at {(below ? ">=" : "<=")} {TriggerFormat.Pair(value, exitAt).Right})"
                : $"{metric} {v} {(below ? ">=" : "<=")} {t}: not entered";
        }
        else
        {
            var exited = below ? value >= exitAt : value <= exitAt;
            active = !exited;
            var (v, t) = TriggerFormat.Pair(value, exitAt);
            reason = exited
                ? $"{metric} {v} {(below ? ">=" : "<=")} {t}: exited"
                : $"{metric} {v} {(below ? "<" : ">")} {t}: still active (entered at {(below ? "<" : ">")} {TriggerFormat.Pair(value, enterAt).Right})";
        }

        reason += MetricReader.Describe(basis, wasActive ? exit : enter, baseline);
        DateTimeOffset? activeSince = active ? (wasActive ? stored?.Since ?? context.Now : context.Now) : null;
        if (active != wasActive || note is not null || stored is null || stored.Since != activeSince)
        {
            var state = new HysteresisState { Active = active, Since = activeSince };
            await TriggerStateIO.WriteAsync(context, state, TriggerStateJsonContext.Default.HysteresisState, cancellationToken).ConfigureAwait(false);
        }

        return Result(
            context,
            active ? TriggerOutcome.Fired : TriggerOutcome.NotFired,
            TriggerStateIO.WithNote(note, reason),
            value,
            wasActive ? exitAt : enterAt,
            cause: activeSince is { } start ? "breach@" + TriggerFormat.CauseInstant(start) : null);
    }

    private static string DefaultName(HysteresisOptions options) => options.Name ?? "hysteresis:" + options.Metric;
}
