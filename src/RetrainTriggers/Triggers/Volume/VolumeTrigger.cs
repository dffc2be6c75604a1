using System.Globalization;

namespace RetrainTriggers;

/// <summary>Fires when enough new labeled rows arrived since the last retrain: a count (<c>&gt;=</c>) and/or a growth fraction (<c>&gt;=</c>).</summary>
internal sealed class VolumeTrigger : Trigger
{
    private readonly long? minNewRows;
    private readonly double? minGrowth;
    private readonly ConditionMatch match;

    public VolumeTrigger(VolumeOptions options)
        : base(DefaultName(OptionsValidation.ThrowIfInvalid(options, TriggerKinds.Volume, (o, path, errors) => o.Validate(path, errors))))
    {
        minNewRows = options.MinNewRows;
        minGrowth = options.MinGrowth;
        match = options.Match;
    }

    public override string Kind => TriggerKinds.Volume;

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        long? rows = null;
        string? rowsProblem = null;
        if (context.DataVolume is null)
        {
            rowsProblem = "no data volume source";
        }
        else
        {
            rows = await context.DataVolume.GetNewLabeledRowCountAsync(cancellationToken).ConfigureAwait(false);
            rowsProblem = rows switch
            {
                null => "new labeled row count unknown",
                < 0 => $"new labeled row count is negative ({rows.Value.ToString(CultureInfo.InvariantCulture)})",
                _ => null,
            };
        }

        var parts = new List<(TriggerOutcome Outcome, string Reason, double? Observed, double Threshold)>(2);
        if (minNewRows is { } min)
        {
            parts.Add(rowsProblem is not null
                ? (TriggerOutcome.InsufficientData, rowsProblem, null, min)
                : (rows >= min ? TriggerOutcome.Fired : TriggerOutcome.NotFired,
                   $"new rows {Count(rows!.Value)} {(rows >= min ? ">=" : "<")} {Count(min)}",
                   rows,
                   min));
        }

        if (minGrowth is { } minG)
        {
            parts.Add(await GrowthAsync(context, rows, rowsProblem, minG, cancellationToken).ConfigureAwait(false));
        }

        var fired = parts.Count(p => p.Outcome == TriggerOutcome.Fired);
        var undecided = parts.Count(p => p.Outcome == TriggerOutcome.InsufficientData);
        var outcome = OutcomeAlgebra.AtLeast(match == ConditionMatch.Any ? 1 : parts.Count, fired, undecided);

        // The reason lists the conditions that decided the outcome first, so "which one fired" reads at the start.
        var ordered = parts.OrderBy(p => p.Outcome == outcome ? 0 : 1);
        var reason = string.Join(parts.Count > 1 ? (match == ConditionMatch.Any ? "; " : " and ") : string.Empty, ordered.Select(p => p.Reason));
        var lead = parts.FirstOrDefault(p => p.Outcome == outcome);
        lead = lead.Reason is null ? parts[0] : lead;
        var cause = outcome == TriggerOutcome.Fired ? await CauseAsync(context, cancellationToken).ConfigureAwait(false) : null;
        return Result(context, outcome, reason, lead.Observed, lead.Threshold, cause: cause);
    }

    /// <summary>The retrain the growth is measured from: the same for every firing until the next retrain.</summary>
    private static async ValueTask<string> CauseAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var last = context.RetrainHistory is null
            ? null
            : await context.RetrainHistory.GetLastRetrainAsync(cancellationToken).ConfigureAwait(false);
        return last is null
            ? "volume@none|rows=0"
            : $"volume@{TriggerFormat.CauseInstant(last.CompletedAt)}|rows={Count(last.TrainingRowCount)}";
    }

    private static async ValueTask<(TriggerOutcome, string, double?, double)> GrowthAsync(
        TriggerContext context, long? rows, string? rowsProblem, double minGrowth, CancellationToken cancellationToken)
    {
        if (rowsProblem is not null)
        {
            return (TriggerOutcome.InsufficientData, rowsProblem, null, minGrowth);
        }

        if (context.RetrainHistory is null)
        {
            return (TriggerOutcome.InsufficientData, "no retrain history source for the last training set size", null, minGrowth);
        }

        var last = await context.RetrainHistory.GetLastRetrainAsync(cancellationToken).ConfigureAwait(false);
        if (last is null)
        {
            return (TriggerOutcome.InsufficientData, "no retrain recorded, so no training set to grow from", null, minGrowth);
        }

        if (last.TrainingRowCount <= 0)
        {
            return (TriggerOutcome.InsufficientData, $"last training set has {Count(last.TrainingRowCount)} rows, so growth is undefined", null, minGrowth);
        }

        var growth = (double)rows!.Value / last.TrainingRowCount;
        var fired = growth >= minGrowth;
        var (g, t) = (TriggerFormat.Percent(growth), TriggerFormat.Percent(minGrowth));
        return (
            fired ? TriggerOutcome.Fired : TriggerOutcome.NotFired,
            $"growth {g} {(fired ? ">=" : "<")} {t} ({Count(rows.Value)} new / {Count(last.TrainingRowCount)} trained)",
            growth,
            minGrowth);
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string DefaultName(VolumeOptions options) => options.Name ?? "volume";
}
