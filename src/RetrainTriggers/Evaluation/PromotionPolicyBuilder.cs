using System.Globalization;
using RetrainTriggers.Evaluation.Rules;
using RetrainTriggers.Statistics;
using static RetrainTriggers.Evaluation.MetricArithmetic;

namespace RetrainTriggers.Evaluation;

/// <summary>Builds a <see cref="PromotionPolicy"/> fluently; every problem is collected and reported at once by <see cref="Build()"/>.</summary>
/// <remarks>
/// Rules run in the order they are added. Every rule that reads a metric needs the metric's direction, declared with
/// <see cref="Metric"/> or found in a catalog given to <see cref="UseCatalog"/>; an explicit declaration wins over the catalog.
/// </remarks>
public sealed class PromotionPolicyBuilder
{
    private const int MinimumBootstrapResamples = 100;

    private readonly Dictionary<string, MetricDirection> _declared = new(StringComparer.Ordinal);
    private readonly List<(string? Metric, string Text)> _declarationErrors = [];
    private readonly List<PendingRule> _rules = [];
    private MetricCatalog? _catalog;
    private bool _allowUnconditional;

    internal PromotionPolicyBuilder()
    {
    }

    /// <summary>Declares a metric's direction.</summary>
    /// <param name="name">The metric name (ordinal, case-sensitive).</param>
    /// <param name="direction">Whether higher or lower values are better.</param>
    /// <returns>This builder.</returns>
    public PromotionPolicyBuilder Metric(string name, MetricDirection direction)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            _declarationErrors.Add((null, "the metric name is null, empty or white space"));
        }
        else if (!Enum.IsDefined(direction))
        {
            _declarationErrors.Add((name, string.Create(CultureInfo.InvariantCulture, $"direction {(int)direction} is not defined")));
        }
        else if (_declared.TryGetValue(name, out MetricDirection existing) && existing != direction)
        {
            _declarationErrors.Add((name, $"declared both {existing} and {direction}"));
        }
        else
        {
            _declared[name] = direction;
        }

        return this;
    }

    /// <summary>Uses a catalog of known metrics (for example the ML.NET one) for directions not declared with <see cref="Metric"/>.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    public PromotionPolicyBuilder UseCatalog(MetricCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        return this;
    }

    /// <summary>Bounds the challenger's value (TFMA <c>GenericValueThreshold</c>): <c>lower ≤ value ≤ upper</c>, or strict with <see cref="ThresholdComparison.Strict"/>. Applies even without a champion.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="lowerBound">The lower bound, or <see langword="null"/> for none.</param>
    /// <param name="upperBound">The upper bound, or <see langword="null"/> for none.</param>
    /// <param name="comparison">Whether a value on a bound passes (<see cref="ThresholdComparison.Inclusive"/>, the default) or fails.</param>
    /// <returns>This builder.</returns>
    public PromotionPolicyBuilder ValueThreshold(string metric, double? lowerBound = null, double? upperBound = null, ThresholdComparison comparison = ThresholdComparison.Inclusive)
    {
        var problems = new List<RuleProblem>();
        CheckComparison(problems, comparison);
        if (lowerBound is null && upperBound is null)
        {
            problems.Add(new(null, "must set {lowerBound}, {upperBound} or both"));
        }

        CheckFinite(problems, "lowerBound", lowerBound);
        CheckFinite(problems, "upperBound", upperBound);
        if (lowerBound is double l && upperBound is double u && l > u)
        {
            problems.Add(new("lowerBound", $"{Format(l)} is greater than {{upperBound}} {Format(u)}"));
        }

        return Add(Label("ValueThreshold", metric), metric, readsMetric: true, problems, _ => new ValueThresholdRule(metric, lowerBound, upperBound, comparison));
    }

    /// <summary>
    /// Requires a change versus the champion (TFMA <c>GenericChangeThreshold</c>, MLflow <c>min_absolute_change</c>/<c>min_relative_change</c>):
    /// improvement ≥ <paramref name="absolute"/> and improvement / |champion| ≥ <paramref name="relative"/>, both when both are set,
    /// where improvement = challenger − champion (higher is better) or champion − challenger (lower is better).
    /// A champion value of 0 makes the relative part require strict improvement.
    /// </summary>
    /// <param name="metric">The metric.</param>
    /// <param name="absolute">The minimum absolute improvement (negative allows a bounded regression), or <see langword="null"/>.</param>
    /// <param name="relative">The minimum relative improvement as a fraction (0.05 = 5 %), or <see langword="null"/>.</param>
    /// <param name="comparison"><see cref="ThresholdComparison.Strict"/> turns each ≥ into &gt;.</param>
    /// <returns>This builder.</returns>
    public PromotionPolicyBuilder Change(string metric, double? absolute = null, double? relative = null, ThresholdComparison comparison = ThresholdComparison.Inclusive)
    {
        var problems = new List<RuleProblem>();
        CheckComparison(problems, comparison);
        if (absolute is null && relative is null)
        {
            problems.Add(new(null, "must set {absolute}, {relative} or both"));
        }

        CheckFinite(problems, "absolute", absolute);
        CheckFinite(problems, "relative", relative);
        return Add(Label("Change", metric), metric, readsMetric: true, problems, direction => ChangeRule.Change(metric, direction, absolute, relative, comparison));
    }

    /// <summary>Requires the challenger to beat the champion by MORE than <paramref name="margin"/> (strict): improvement &gt; margin.
    /// The common rule "promote if candidate − champion &gt; 0.01" is <c>Superior("accuracy", 0.01)</c>; margin 0 means "strictly better".</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="margin">The margin, at least 0.</param>
    /// <returns>This builder.</returns>
    public PromotionPolicyBuilder Superior(string metric, double margin = 0)
    {
        var problems = new List<RuleProblem>();
        CheckMargin(problems, "margin", margin);
        return Add(Label("Superior", metric), metric, readsMetric: true, problems, direction => ChangeRule.Superior(metric, direction, margin));
    }

    /// <summary>A guardrail: the metric may not get worse than the champion's by more than <paramref name="margin"/> (worse by exactly the margin passes).</summary>
    /// <param name="metric">The guardrail metric (latency, a fairness gap, another class's recall).</param>
    /// <param name="margin">The tolerated worsening, at least 0.</param>
    /// <returns>This builder.</returns>
    public PromotionPolicyBuilder NonInferior(string metric, double margin)
    {
        var problems = new List<RuleProblem>();
        CheckMargin(problems, "margin", margin);
        return Add(Label("NonInferior", metric), metric, readsMetric: true, problems, direction => ChangeRule.NonInferior(metric, direction, margin));
    }

    /// <summary>Rejects, and reports as suspicious, an improvement over the champion larger than <paramref name="maxImprovement"/> (an improvement of exactly the maximum passes).</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="maxImprovement">The largest plausible improvement, at least 0.</param>
    /// <returns>This builder.</returns>
    public PromotionPolicyBuilder SuspiciousImprovement(string metric, double maxImprovement)
    {
        var problems = new List<RuleProblem>();
        CheckMargin(problems, "maxImprovement", maxImprovement);
        return Add(Label("SuspiciousImprovement", metric), metric, readsMetric: true, problems, direction => new SuspiciousImprovementRule(metric, direction, maxImprovement));
    }

    /// <summary>Requires the challenger to be significantly better on paired per-row correctness (<see cref="ModelEvaluation.RowCorrect"/>):
    /// McNemar's two-sided p-value &lt; <paramref name="alpha"/> and more rows right only for the challenger than only for the champion.</summary>
    /// <param name="alpha">The significance level, in (0, 1); 0.05 by default.</param>
    /// <param name="method">The p-value method; the exact binomial test by default.</param>
    /// <returns>This builder.</returns>
    public PromotionPolicyBuilder McNemar(double alpha = 0.05, McNemarMethod method = McNemarMethod.Exact)
    {
        var problems = new List<RuleProblem>();
        CheckProbability(problems, "alpha", alpha);
        CheckDefined(problems, "method", method);
        return Add("McNemar", null, readsMetric: false, problems, _ => new McNemarRule(alpha, method));
    }

    /// <summary>Requires a seeded paired bootstrap interval of mean(challenger[i] − champion[i]) to exclude 0 on the improving side
    /// (lower end &gt; 0 for <see cref="PerRowOutcome.RowCorrect"/>, upper end &lt; 0 for <see cref="PerRowOutcome.RowLosses"/>).</summary>
    /// <param name="values">Which per-row outcomes to compare.</param>
    /// <param name="confidenceLevel">The interval's confidence level, in (0, 1); 0.95 by default.</param>
    /// <param name="resamples">The number of resamples, from 100 to <see cref="Statistics.PairedBootstrap.MaxResamples"/> (one million); 1000 by default.</param>
    /// <param name="seed">The generator seed; a fixed default keeps decisions reproducible.</param>
    /// <returns>This builder.</returns>
    public PromotionPolicyBuilder PairedBootstrap(
        PerRowOutcome values = PerRowOutcome.RowCorrect,
        double confidenceLevel = Statistics.PairedBootstrap.DefaultConfidenceLevel,
        int resamples = Statistics.PairedBootstrap.DefaultResamples,
        ulong seed = Statistics.PairedBootstrap.DefaultSeed)
    {
        var problems = new List<RuleProblem>();
        CheckProbability(problems, "confidenceLevel", confidenceLevel);
        if (resamples is < MinimumBootstrapResamples or > Statistics.PairedBootstrap.MaxResamples)
        {
            problems.Add(new(
                "resamples",
                string.Create(CultureInfo.InvariantCulture, $"must be from {MinimumBootstrapResamples} to {Statistics.PairedBootstrap.MaxResamples} (was {resamples})")));
        }

        CheckDefined(problems, "values", values);
        return Add("PairedBootstrap", null, readsMetric: false, problems, _ => new PairedBootstrapRule(values, confidenceLevel, resamples, seed));
    }

    /// <summary>Requires at least <paramref name="rows"/> holdout rows; applies even without a champion.</summary>
    /// <param name="rows">The minimum number of rows, at least 1.</param>
    /// <returns>This builder.</returns>
    public PromotionPolicyBuilder MinimumSampleSize(long rows)
    {
        var problems = new List<RuleProblem>();
        if (rows < 1)
        {
            problems.Add(new("rows", string.Create(CultureInfo.InvariantCulture, $"must be at least 1 (was {rows})")));
        }

        return Add("MinimumSampleSize", null, readsMetric: false, problems, _ => new MinimumSampleSizeRule(rows));
    }

    /// <summary>Lets a policy WITHOUT rules promote every challenger; without this call such a policy rejects every challenger.</summary>
    /// <returns>This builder.</returns>
    public PromotionPolicyBuilder AllowUnconditionalPromotion()
    {
        _allowUnconditional = true;
        return this;
    }

    /// <summary>Validates the configuration and builds the policy.</summary>
    /// <returns>The immutable policy.</returns>
    /// <exception cref="ArgumentException">The configuration is invalid; the message lists every problem, each naming its rule and metric.</exception>
    public PromotionPolicy Build()
    {
        var errors = new List<string>();
        return TryBuild(PolicyProblemFormat.Code, errors) ?? throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"The promotion policy is invalid ({errors.Count} problem(s)):{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", errors)}"),
            "policy");
    }

    /// <summary>Validates and builds the policy, or adds every problem to <paramref name="errors"/>, worded by <paramref name="format"/> and returns <see langword="null"/>.</summary>
    internal PromotionPolicy? TryBuild(PolicyProblemFormat format, List<string> errors)
    {
        // A format may leave a problem unreported (configuration does for rules whose values did not parse); it still fails the build.
        bool failed = _declarationErrors.Count > 0;
        foreach ((string? metric, string text) in _declarationErrors)
        {
            errors.Add(format.Declaration(metric, text));
        }

        var directions = new Dictionary<string, MetricDirection>(StringComparer.Ordinal);
        if (_catalog is not null)
        {
            foreach ((string name, MetricDirection direction) in _catalog.Directions)
            {
                directions[name] = direction;
            }
        }

        foreach ((string name, MetricDirection direction) in _declared)
        {
            directions[name] = direction;
        }

        var rules = new List<PromotionRule>(_rules.Count);
        for (int i = 0; i < _rules.Count; i++)
        {
            PendingRule pending = _rules[i];
            foreach (RuleProblem problem in pending.Problems)
            {
                failed = true;
                if (format.Rule(i, pending.Label, problem) is { } error)
                {
                    errors.Add(error);
                }
            }

            MetricDirection direction = default;
            if (pending.Metric is not null && !directions.TryGetValue(pending.Metric, out direction))
            {
                failed = true;
                if (format.UnknownDirection(i, pending.Label, pending.Metric) is { } error)
                {
                    errors.Add(error);
                }
            }

            if (!failed)
            {
                rules.Add(pending.Create(direction));
            }
        }

        return failed ? null : new PromotionPolicy([.. rules], directions.AsReadOnly(), _allowUnconditional);
    }

    private PromotionPolicyBuilder Add(string label, string? metric, bool readsMetric, List<RuleProblem> problems, Func<MetricDirection, PromotionRule> create)
    {
        if (readsMetric && string.IsNullOrWhiteSpace(metric))
        {
            problems.Insert(0, new(null, "the metric name is null, empty or white space"));
            metric = null;
        }

        _rules.Add(new PendingRule(metric, label, problems, create));
        return this;
    }

    private static string Label(string kind, string? metric) =>
        string.IsNullOrWhiteSpace(metric) ? $"{kind}(<no metric>)" : $"{kind}({metric})";

    private static void CheckComparison(List<RuleProblem> problems, ThresholdComparison comparison) =>
        CheckDefined(problems, "comparison", comparison);

    private static void CheckDefined<T>(List<RuleProblem> problems, string parameter, T value)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add(new(parameter, string.Create(CultureInfo.InvariantCulture, $"{Convert.ToInt64(value, CultureInfo.InvariantCulture)} is not defined")));
        }
    }

    private static void CheckFinite(List<RuleProblem> problems, string parameter, double? value)
    {
        if (value is double v && !double.IsFinite(v))
        {
            problems.Add(new(parameter, $"must be a finite number (was {Format(v)})"));
        }
    }

    private static void CheckMargin(List<RuleProblem> problems, string parameter, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            problems.Add(new(parameter, $"must be a finite number >= 0 (was {Format(value)})"));
        }
    }

    private static void CheckProbability(List<RuleProblem> problems, string parameter, double value)
    {
        if (!(value > 0 && value < 1))
        {
            problems.Add(new(parameter, $"must be in (0, 1) (was {Format(value)})"));
        }
    }

    private sealed record PendingRule(string? Metric, string Label, List<RuleProblem> Problems, Func<MetricDirection, PromotionRule> Create);
}
