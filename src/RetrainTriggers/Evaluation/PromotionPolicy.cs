using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RetrainTriggers.Configuration;
using RetrainTriggers.Evaluation.Rules;

namespace RetrainTriggers.Evaluation;

/// <summary>An ordered, validated set of rules that decides whether a challenger may replace the champion (TFMA/MLflow semantics plus significance gates).</summary>
/// <remarks>
/// Build one with <see cref="CreateBuilder"/>. <see cref="Decide"/> is pure: it needs only the two evaluations, so hosts that
/// already have metrics can use the rules without an <see cref="IModelEvaluator{TModel}"/>. A policy is immutable and thread-safe.
/// </remarks>
public sealed class PromotionPolicy
{
    private readonly PromotionRule[] _rules;

    internal PromotionPolicy(PromotionRule[] rules, IReadOnlyDictionary<string, MetricDirection> directions, bool allowUnconditionalPromotion)
    {
        _rules = rules;
        Directions = directions;
        AllowsUnconditionalPromotion = allowUnconditionalPromotion;
        RuleNames = Array.AsReadOnly(Array.ConvertAll(rules, static r => r.Name));
    }

    /// <summary>Gets the configured rules, in evaluation order, as they appear in <see cref="RuleResult.Rule"/>.</summary>
    internal IReadOnlyList<string> RuleNames { get; }

    /// <summary>Gets the direction of every metric the policy knows (declared or from its catalog).</summary>
    internal IReadOnlyDictionary<string, MetricDirection> Directions { get; }

    /// <summary>Gets a value indicating whether a policy without rules promotes (see <see cref="PromotionPolicyBuilder.AllowUnconditionalPromotion"/>).</summary>
    internal bool AllowsUnconditionalPromotion { get; }

    /// <summary>Starts a policy.</summary>
    /// <returns>An empty builder.</returns>
    public static PromotionPolicyBuilder CreateBuilder() => new();

    /// <summary>Builds a policy from a configuration section, for example <c>configuration.GetSection("Promotion")</c>, read without reflection (trimming- and AOT-safe).</summary>
    /// <param name="section">The section: <c>Metrics</c> (metric name to <c>HigherIsBetter</c> or <c>LowerIsBetter</c>),
    /// <c>AllowUnconditionalPromotion</c> and <c>Rules</c>, each rule with a <c>Kind</c> (a <see cref="RuleKind"/>) and only that
    /// kind's keys, which are the parameters of the matching <see cref="PromotionPolicyBuilder"/> method (<c>Margin</c> of
    /// <see cref="PromotionPolicyBuilder.Superior"/>), with the same defaults and ranges.</param>
    /// <param name="catalog">Known metric directions, used for metrics not listed under <c>Metrics</c>, or <see langword="null"/>.</param>
    /// <returns>The immutable policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="section"/> is null.</exception>
    /// <exception cref="OptionsValidationException">The section is missing or invalid; <see cref="OptionsValidationException.Failures"/>
    /// lists every problem with the configuration path of its setting (<c>Promotion:Rules:2:Margin must be a finite number &gt;= 0 (was -1)</c>).</exception>
    public static PromotionPolicy FromConfiguration(IConfigurationSection section, MetricCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var errors = new List<string>();
        if (!section.Exists())
        {
            errors.Add($"{section.Path} is missing or empty; expected {string.Join(", ", PromotionPolicyConfigurationReader.PolicyKeys)}");
        }
        else if (PromotionPolicyConfigurationReader.Read(section, catalog, new SettingReader(errors)) is { } policy)
        {
            return policy;
        }

        throw new OptionsValidationException(section.Path, typeof(PromotionPolicy), errors);
    }

    /// <summary>Decides whether <paramref name="challenger"/> may replace <paramref name="champion"/>.</summary>
    /// <param name="champion">The champion's evaluation on the same holdout, or <see langword="null"/> when there is no champion yet
    /// (then only non-comparative rules apply and the others are reported as skipped).</param>
    /// <param name="challenger">The challenger's evaluation.</param>
    /// <returns>The decision with every rule's result and a summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="challenger"/> is null.</exception>
    /// <exception cref="ArgumentException">An evaluation has no rows, or a paired rule is configured and the two evaluations have different row counts.</exception>
    public PromotionDecision Decide(ModelEvaluation? champion, ModelEvaluation challenger)
    {
        ArgumentNullException.ThrowIfNull(challenger);
        if (challenger.RowCount == 0)
        {
            throw new ArgumentException("The challenger was evaluated on an empty holdout (0 rows).", nameof(challenger));
        }

        if (champion is not null)
        {
            if (champion.RowCount == 0)
            {
                throw new ArgumentException("The champion was evaluated on an empty holdout (0 rows).", nameof(champion));
            }

            if (champion.RowCount != challenger.RowCount && Array.Exists(_rules, static r => r.IsPaired))
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"The champion was evaluated on {champion.RowCount} rows and the challenger on {challenger.RowCount}; paired rules (McNemar, paired bootstrap) need both on the same holdout."),
                    nameof(challenger));
            }
        }

        var results = new RuleResult[_rules.Length];
        for (int i = 0; i < _rules.Length; i++)
        {
            PromotionRule rule = _rules[i];
            results[i] = rule.IsComparative && champion is null ? rule.Skipped() : rule.Evaluate(challenger, champion);
        }

        PromotionOutcome outcome = _rules.Length == 0
            ? (AllowsUnconditionalPromotion ? PromotionOutcome.Promote : PromotionOutcome.Reject)
            : (Array.Exists(results, static r => r.Status == RuleStatus.Failed) ? PromotionOutcome.Reject : PromotionOutcome.Promote);

        return new PromotionDecision
        {
            Outcome = outcome,
            HasChampion = champion is not null,
            Rules = Array.AsReadOnly(results),
            ChallengerMetrics = Copy(challenger.Metrics),
            ChampionMetrics = champion is null ? null : Copy(champion.Metrics),
            RowCount = challenger.RowCount,
            Summary = Summarize(outcome, champion is not null, results),
        };
    }

    /// <inheritdoc/>
    public override string ToString() =>
        _rules.Length == 0
            ? (AllowsUnconditionalPromotion ? "PromotionPolicy(no rules, unconditional promotion allowed)" : "PromotionPolicy(no rules)")
            : $"PromotionPolicy({string.Join(", ", RuleNames)})";

    private static Dictionary<string, double> Copy(IReadOnlyDictionary<string, double> metrics)
    {
        var copy = new Dictionary<string, double>(metrics.Count, StringComparer.Ordinal);
        foreach ((string name, double value) in metrics)
        {
            copy[name] = value;
        }

        return copy;
    }

    private string Summarize(PromotionOutcome outcome, bool hasChampion, RuleResult[] results)
    {
        var text = new StringBuilder();
        if (results.Length == 0)
        {
            return AllowsUnconditionalPromotion
                ? "Promote: the policy has no rules and explicitly allows unconditional promotion."
                : "Reject: the policy has no rules and does not allow unconditional promotion; add rules or call AllowUnconditionalPromotion().";
        }

        int passed = results.Count(static r => r.Status == RuleStatus.Passed);
        int failed = results.Count(static r => r.Status == RuleStatus.Failed);
        int skipped = results.Length - passed - failed;
        var invariant = CultureInfo.InvariantCulture;
        text.Append(outcome == PromotionOutcome.Promote ? "Promote" : "Reject")
            .Append(invariant, $": {passed} of {results.Length} rules passed, {failed} failed, {skipped} skipped")
            .Append(hasChampion ? "." : " (no champion yet: only value thresholds and sample size apply).");

        foreach (RuleResult result in results)
        {
            if (result.Status == RuleStatus.Failed)
            {
                text.Append(" FAILED ").Append(result.Rule).Append(": ").Append(result.Reason);
            }
        }

        foreach (RuleResult result in results)
        {
            if (result.Status == RuleStatus.Passed)
            {
                text.Append(" Passed ").Append(result.Rule).Append(": ").Append(result.Reason);
            }
        }

        if (skipped > 0)
        {
            text.Append(" Skipped (no champion): ")
                .AppendJoin(", ", results.Where(static r => r.Status == RuleStatus.Skipped).Select(static r => r.Rule))
                .Append('.');
        }

        return text.ToString();
    }
}
