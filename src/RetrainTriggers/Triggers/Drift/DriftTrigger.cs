using System.Text;
using RetrainTriggers.Drift;

namespace RetrainTriggers;

/// <summary>Fires on a drift score (<c>score &gt; threshold</c>) and/or decision (<c>level &gt;= minimum</c>) from the drift source.</summary>
internal sealed class DriftTrigger : Trigger
{
    /// <summary>How many drifted features an explanation lists before "+N more".</summary>
    private const int MaxListedFeatures = 5;

    private readonly string? feature;
    private readonly double? scoreAbove;
    private readonly DriftDecision? minLevel;
    private readonly ConditionMatch match;

    public DriftTrigger(DriftOptions options)
        : base(DefaultName(OptionsValidation.ThrowIfInvalid(options, TriggerKinds.Drift, (o, path, errors) => o.Validate(path, errors))))
    {
        feature = options.Feature;
        scoreAbove = options.ScoreAbove;
        minLevel = options.MinLevel;
        match = options.Match;
    }

    public override string Kind => TriggerKinds.Drift;

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var subject = feature is null ? "drift" : $"drift of {feature}";
        if (context.Drift is null)
        {
            return Result(context, TriggerOutcome.InsufficientData, "no drift source", threshold: scoreAbove);
        }

        var signal = await context.Drift.GetDriftAsync(feature, cancellationToken).ConfigureAwait(false);
        if (signal is null)
        {
            return Result(context, TriggerOutcome.InsufficientData, $"no {subject} computed yet", threshold: scoreAbove);
        }

        var parts = new List<(TriggerOutcome Outcome, string Reason)>(2);
        if (scoreAbove is { } threshold)
        {
            var statistic = signal.Statistic is { Length: > 0 } name ? $" ({name})" : string.Empty;
            if (signal.Score is not { } score || !double.IsFinite(score))
            {
                parts.Add((TriggerOutcome.InsufficientData, signal.Score is { } bad ? $"{subject} score is {TriggerFormat.Number(bad)}" : $"no {subject} score"));
            }
            else
            {
                var (v, t) = TriggerFormat.Pair(score, threshold);
                parts.Add(score > threshold
                    ? (TriggerOutcome.Fired, $"{subject} score {v} > {t}{statistic}")
                    : (TriggerOutcome.NotFired, $"{subject} score {v} <= {t}{statistic}"));
            }
        }

        if (minLevel is { } min)
        {
            parts.Add(signal.Level is not { } level || level == DriftDecision.InsufficientData
                ? (TriggerOutcome.InsufficientData, signal.Level is null ? $"no {subject} decision" : $"{subject} level is InsufficientData")
                : level >= min
                    ? (TriggerOutcome.Fired, $"{subject} level {level} >= {min}")
                    : (TriggerOutcome.NotFired, $"{subject} level {level} < {min}"));
        }

        var fired = parts.Count(p => p.Outcome == TriggerOutcome.Fired);
        var undecided = parts.Count(p => p.Outcome == TriggerOutcome.InsufficientData);
        var outcome = OutcomeAlgebra.AtLeast(match == ConditionMatch.Any ? 1 : parts.Count, fired, undecided);
        var reason = new StringBuilder(string.Join(match == ConditionMatch.Any ? "; " : " and ", parts.OrderBy(p => p.Outcome == outcome ? 0 : 1).Select(p => p.Reason)));
        AppendFeatures(reason, signal.DriftedFeatures);
        var cause = await BreachEpisode.TrackAsync(context, outcome, "drift", cancellationToken).ConfigureAwait(false);
        return Result(context, outcome, reason.ToString(), signal.Score, scoreAbove, cause: cause);
    }

    private static void AppendFeatures(StringBuilder reason, IReadOnlyList<FeatureDriftSignal>? features)
    {
        if (features is null || features.Count == 0)
        {
            return;
        }

        reason.Append("; drifted: ");
        for (var i = 0; i < Math.Min(features.Count, MaxListedFeatures); i++)
        {
            var f = features[i];
            if (i > 0)
            {
                reason.Append(", ");
            }

            reason.Append(f.Feature).Append(" (").Append(f.Level);
            if (f.Score is { } score)
            {
                reason.Append(", ").Append(f.Statistic is { Length: > 0 } s ? s + " " : "score ").Append(TriggerFormat.Number(score));
            }

            if (f.PValue is { } p)
            {
                reason.Append(", p=").Append(TriggerFormat.Number(p));
            }

            reason.Append(')');
        }

        if (features.Count > MaxListedFeatures)
        {
            reason.Append(", +").Append((features.Count - MaxListedFeatures).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" more");
        }
    }

    private static string DefaultName(DriftOptions options) => options.Name ?? (options.Feature is null ? "drift" : "drift:" + options.Feature);
}
