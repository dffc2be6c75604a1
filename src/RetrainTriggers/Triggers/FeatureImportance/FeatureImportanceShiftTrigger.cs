using System.Globalization;

namespace RetrainTriggers;

/// <summary>Fires when the model's feature-importance shares or ranking moved beyond a threshold since the last retrain.</summary>
internal sealed class FeatureImportanceShiftTrigger : Trigger
{
    private const int ListedFeatures = 5;
    private readonly IFeatureImportanceSource source;
    private readonly double? maxShareShift;
    private readonly int? maxRankShift;
    private readonly int top;

    public FeatureImportanceShiftTrigger(FeatureImportanceShiftOptions options)
        : base(OptionsValidation.ThrowIfInvalid(options, TriggerKinds.FeatureImportance, (o, path, errors) => o.Validate(path, errors)).Name ?? "feature-importance")
    {
        source = options.Source!;
        maxShareShift = options.MaxShareShift;
        maxRankShift = options.MaxRankShift;
        top = options.TopFeatures;
    }

    public override string Kind => TriggerKinds.FeatureImportance;

    private protected override async ValueTask<TriggerResult> EvaluateCoreAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var then = await source.GetImportancesAtLastRetrainAsync(cancellationToken).ConfigureAwait(false);
        var now = await source.GetCurrentImportancesAsync(cancellationToken).ConfigureAwait(false);
        var problem = then is null ? "no feature importances recorded at the last retrain"
            : now is null ? "no current feature importances"
            : Shares(then) is null ? "the importances recorded at the last retrain are all 0 or not finite"
            : Shares(now) is null ? "the current importances are all 0 or not finite"
            : null;
        if (problem is not null)
        {
            return Result(context, TriggerOutcome.InsufficientData, problem, threshold: maxShareShift ?? maxRankShift);
        }

        var before = Shares(then!)!;
        var after = Shares(now!)!;
        var features = before.Keys.Union(after.Keys, StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var moves = features.Select(f => (Feature: f, Then: before.GetValueOrDefault(f), Now: after.GetValueOrDefault(f))).ToArray();
        var shift = 0.5 * moves.Sum(m => Math.Abs(m.Now - m.Then));
        var rankThen = Ranks(before);
        var rankNow = Ranks(after);
        var rankMoves = features
            .Where(f => rankThen.GetValueOrDefault(f, int.MaxValue) <= top || rankNow.GetValueOrDefault(f, int.MaxValue) <= top)
            .Select(f => (Feature: f, Then: rankThen.GetValueOrDefault(f, features.Length + 1), Now: rankNow.GetValueOrDefault(f, features.Length + 1)))
            .Select(r => (r.Feature, r.Then, r.Now, Places: Math.Abs(r.Now - r.Then)))
            .OrderByDescending(r => r.Places)
            .ThenBy(r => r.Feature, StringComparer.Ordinal)
            .ToArray();
        var maxPlaces = rankMoves.Length == 0 ? 0 : rankMoves[0].Places;

        var shareFired = maxShareShift is { } s && shift >= s;
        var rankFired = maxRankShift is { } r && maxPlaces >= r;
        var parts = new List<string>(2);
        if (maxShareShift is { } limit)
        {
            parts.Add($"importance shift {Percent(shift)} {(shareFired ? ">=" : "<")} {Percent(limit)}");
        }

        if (maxRankShift is { } places)
        {
            parts.Add($"largest rank move {Count(maxPlaces)} place(s) {(rankFired ? ">=" : "<")} {Count(places)} among the top {Count(top)}");
        }

        var moved = moves
            .Where(m => m.Now != m.Then)
            .OrderByDescending(m => Math.Abs(m.Now - m.Then))
            .ThenBy(m => m.Feature, StringComparer.Ordinal)
            .Take(ListedFeatures)
            .Select(m => $"{m.Feature} {Percent(m.Then)} -> {Percent(m.Now)} (rank {RankText(rankThen, m.Feature)} -> {RankText(rankNow, m.Feature)})")
            .ToArray();
        var reason = string.Join("; ", parts) + (moved.Length == 0 ? "; no feature moved" : "; moved: " + string.Join(", ", moved));
        var fired = shareFired || rankFired;
        return Result(
            context,
            fired ? TriggerOutcome.Fired : TriggerOutcome.NotFired,
            reason,
            observed: maxShareShift is not null ? shift : maxPlaces,
            threshold: maxShareShift ?? maxRankShift,
            cause: fired ? "feature-importance@last-retrain" : null);
    }

    /// <summary>Absolute importances normalised to sum 1; null when nothing is positive and finite.</summary>
    private static Dictionary<string, double>? Shares(IReadOnlyDictionary<string, double> importances)
    {
        var finite = importances.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => Math.Abs(kv.Value), StringComparer.Ordinal);
        var total = finite.Values.Sum();
        return total > 0 ? finite.ToDictionary(kv => kv.Key, kv => kv.Value / total, StringComparer.Ordinal) : null;
    }

    /// <summary>1-based ranks by descending share (ties by name, so ranks are deterministic).</summary>
    private static Dictionary<string, int> Ranks(Dictionary<string, double> shares) =>
        shares.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select((kv, i) => (kv.Key, Rank: i + 1))
            .ToDictionary(x => x.Key, x => x.Rank, StringComparer.Ordinal);

    private static string RankText(Dictionary<string, int> ranks, string feature) =>
        ranks.TryGetValue(feature, out var rank) ? Count(rank) : "absent";

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
