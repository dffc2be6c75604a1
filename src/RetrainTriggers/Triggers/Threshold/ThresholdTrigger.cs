namespace RetrainTriggers;

/// <summary>Fires when a metric is strictly below, strictly above, or outside a band (absolute or baseline-relative).</summary>
internal sealed class ThresholdTrigger : Trigger
{
    private readonly string metric;
    private readonly double? below;
    private readonly double? above;
    private readonly ThresholdBasis basis;
    private readonly TimeSpan? maxAge;

    public ThresholdTrigger(ThresholdOptions options)
        : base(DefaultName(OptionsValidation.ThrowIfInvalid(options, TriggerKinds.Threshold, (o, path, errors) => o.Validate(path, errors))))
    {
        metric = options.Metric;
        below = options.Below;
        above = options.Above;
        basis = options.Basis;
        maxAge = options.MaxAge;
    }

    public override string Kind => TriggerKinds.Threshold;

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var result = await DecideAsync(context, cancellationToken).ConfigureAwait(false);
        var cause = await BreachEpisode.TrackAsync(context, result.Outcome, "breach", cancellationToken).ConfigureAwait(false);
        return cause is null ? result : result.WithCause(cause);
    }

    private async ValueTask<TriggerResult> DecideAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var (value, problem) = await MetricReader.ReadValueAsync(context, metric, maxAge, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return Result(context, TriggerOutcome.InsufficientData, problem, threshold: basis == ThresholdBasis.Absolute ? below ?? above : null);
        }

        var (baseline, baselineProblem) = await MetricReader.ReadBaselineAsync(context, metric, basis, cancellationToken).ConfigureAwait(false);
        if (baselineProblem is not null)
        {
            return Result(context, TriggerOutcome.InsufficientData, baselineProblem, observed: value);
        }

        double? low = below is { } b ? MetricReader.Effective(basis, b, baseline) : null;
        double? high = above is { } a ? MetricReader.Effective(basis, a, baseline) : null;

        if (low is { } l && value < l)
        {
            return Result(context, TriggerOutcome.Fired, Compare(value, "<", l, below!.Value, baseline), value, l);
        }

        if (high is { } h && value > h)
        {
            return Result(context, TriggerOutcome.Fired, Compare(value, ">", h, above!.Value, baseline), value, h);
        }

        if (low is { } lo && high is { } hi)
        {
            var (v, lowText) = TriggerFormat.Pair(value, lo);
            var highText = TriggerFormat.Pair(value, hi).Right;
            var reason = $"{metric} {v} within [{lowText}, {highText}]{Describe(below!.Value, baseline)}";
            return Result(context, TriggerOutcome.NotFired, reason, value, value - lo <= hi - value ? lo : hi);
        }

        return low is { } onlyLow
            ? Result(context, TriggerOutcome.NotFired, Compare(value, ">=", onlyLow, below!.Value, baseline), value, onlyLow)
            : Result(context, TriggerOutcome.NotFired, Compare(value, "<=", high!.Value, above!.Value, baseline), value, high.Value);
    }

    private static string DefaultName(ThresholdOptions options) => options.Name ?? "threshold:" + options.Metric;

    private string Compare(double value, string op, double effective, double configured, double baseline)
    {
        var (v, t) = TriggerFormat.Pair(value, effective);
        return $"{metric} {v} {op} {t}{Describe(configured, baseline)}";
    }

    private string Describe(double configured, double baseline) =>
        basis == ThresholdBasis.BaselineOffset && below is { } && above is { }
            ? $" (baseline {TriggerFormat.Number(baseline)} + [{TriggerFormat.Number(below.Value)}, {TriggerFormat.Number(above.Value)}])"
            : MetricReader.Describe(basis, configured, baseline);
}
