using System.Globalization;
using Microsoft.Extensions.Configuration;
using RetrainTriggers.Configuration;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.Evaluation;

/// <summary>
/// Reads a promotion policy section (<c>Metrics</c>, <c>AllowUnconditionalPromotion</c>, <c>Rules</c>) into a
/// <see cref="PromotionPolicyBuilder"/>: the one reader behind <see cref="PromotionPolicy.FromConfiguration"/> and a
/// pipeline's <c>Promotion</c> section, by hand (no reflection binder, so trimming- and AOT-safe).
/// </summary>
/// <remarks>
/// The reader only parses. Each rule kind's keys and builder call are one entry of <see cref="Kinds"/>; the keys are the
/// builder method's parameter names, so the builder checks every range once and words its problems with the
/// configuration path of the key (<c>Promotion:Rules:2:Margin must be a finite number &gt;= 0 (was -1)</c>).
/// </remarks>
internal static class PromotionPolicyConfigurationReader
{
    /// <summary>The keys a policy section may hold.</summary>
    internal static readonly string[] PolicyKeys = ["Metrics", "AllowUnconditionalPromotion", "Rules"];

    private const string KindKey = "Kind";

    /// <summary>Every rule kind with the keys its rules may set (besides <c>Kind</c>) and the builder call that adds it.</summary>
    internal static readonly IReadOnlyDictionary<RuleKind, KindReader> Kinds = new Dictionary<RuleKind, KindReader>
    {
        [RuleKind.ValueThreshold] = new(
            ["Metric", "LowerBound", "UpperBound", "Comparison"],
            static (b, r) => b.ValueThreshold(r.Metric(), r.Number("LowerBound"), r.Number("UpperBound"), r.Enumeration("Comparison", ThresholdComparison.Inclusive))),
        [RuleKind.Change] = new(
            ["Metric", "Absolute", "Relative", "Comparison"],
            static (b, r) => b.Change(r.Metric(), r.Number("Absolute"), r.Number("Relative"), r.Enumeration("Comparison", ThresholdComparison.Inclusive))),
        [RuleKind.Superior] = new(
            ["Metric", "Margin"],
            static (b, r) => b.Superior(r.Metric(), r.Number("Margin") ?? 0)),
        [RuleKind.NonInferior] = new(
            ["Metric", "Margin"],
            static (b, r) => b.NonInferior(r.Metric(), r.RequiredNumber("Margin"))),
        [RuleKind.SuspiciousImprovement] = new(
            ["Metric", "MaxImprovement"],
            static (b, r) => b.SuspiciousImprovement(r.Metric(), r.RequiredNumber("MaxImprovement"))),
        [RuleKind.McNemar] = new(
            ["Alpha", "Method"],
            static (b, r) => b.McNemar(r.Number("Alpha") ?? 0.05, r.Enumeration("Method", McNemarMethod.Exact))),
        [RuleKind.PairedBootstrap] = new(
            ["Values", "ConfidenceLevel", "Resamples", "Seed"],
            static (b, r) => b.PairedBootstrap(
                r.Enumeration("Values", PerRowOutcome.RowCorrect),
                r.Number("ConfidenceLevel") ?? Statistics.PairedBootstrap.DefaultConfidenceLevel,
                r.Values.Integer(r.Section, "Resamples") ?? Statistics.PairedBootstrap.DefaultResamples,
                r.Values.UnsignedInteger(r.Section, "Seed") ?? Statistics.PairedBootstrap.DefaultSeed)),
        [RuleKind.MinimumSampleSize] = new(
            ["Rows"],
            static (b, r) => b.MinimumSampleSize(r.Values.LongInteger(r.Section, "Rows") ?? r.Missing("Rows"))),
    };

    private static readonly string KindNames = string.Join(", ", Enum.GetNames<RuleKind>());

    /// <summary>Adds one rule of a kind to the builder, reading its settings through <see cref="RuleSettings"/>.</summary>
    internal delegate PromotionPolicyBuilder AddRule(PromotionPolicyBuilder builder, RuleSettings settings);

    /// <summary>Reads <paramref name="section"/> into a policy, or adds every problem to <paramref name="values"/> and returns <see langword="null"/>.</summary>
    /// <param name="section">The policy section (it exists).</param>
    /// <param name="catalog">Known metric directions, or <see langword="null"/>.</param>
    /// <param name="values">The reader that parses values and collects the problems.</param>
    /// <returns>The policy, or <see langword="null"/> when a problem was found.</returns>
    public static PromotionPolicy? Read(IConfigurationSection section, MetricCatalog? catalog, SettingReader values)
    {
        int before = values.Errors.Count;
        values.CheckKeys(section, PolicyKeys);
        PromotionPolicyBuilder builder = PromotionPolicy.CreateBuilder();
        if (catalog is not null)
        {
            builder.UseCatalog(catalog);
        }

        IConfigurationSection metrics = section.GetSection("Metrics");
        ExpectObject(metrics, "an object of metric name and direction (HigherIsBetter or LowerIsBetter)", values);
        foreach (IConfigurationSection metric in metrics.GetChildren())
        {
            if (metric.Value is null && !metric.GetChildren().Any())
            {
                values.Errors.Add($"{metric.Path} must be HigherIsBetter or LowerIsBetter");
            }
            else if (values.Enumeration<MetricDirection>(metric) is { } direction)
            {
                builder.Metric(metric.Key, direction);
            }
        }

        if (values.Boolean(section, "AllowUnconditionalPromotion") == true)
        {
            builder.AllowUnconditionalPromotion();
        }

        IConfigurationSection rules = section.GetSection("Rules");
        ExpectObject(rules, "a list of rules, each with a Kind", values);
        var rulePaths = new List<string?>();
        foreach (IConfigurationSection rule in rules.GetChildren())
        {
            if (values.Enumeration<RuleKind>(rule, KindKey) is not { } kind)
            {
                if (!rule.GetSection(KindKey).Exists())
                {
                    values.Errors.Add($"{rule.Path}:{KindKey} is required; expected one of {KindNames}");
                }

                continue;
            }

            KindReader reader = Kinds[kind];
            values.CheckKeys(rule, reader.AllowedKeys, $"a setting of {kind} rules");
            int parsed = values.Errors.Count;
            reader.Add(builder, new RuleSettings(rule, kind, values));

            // A rule whose settings did not parse went to the builder with stand-in values; its problems are not reported.
            rulePaths.Add(values.Errors.Count > parsed ? null : rule.Path);
        }

        PromotionPolicy? policy = builder.TryBuild(PolicyProblemFormat.Configuration(section.Path, rulePaths), values.Errors);
        if (values.Errors.Count == before)
        {
            return policy;
        }

        // The builder's problems come last; list every problem in the order of the settings, rule by rule.
        string rulePrefix = rules.Path + ":";
        string[] found = [.. values.Errors.Skip(before).OrderBy(e => RuleIndex(e, rulePrefix))];
        values.Errors.RemoveRange(before, found.Length);
        values.Errors.AddRange(found);
        return null;
    }

    private static int RuleIndex(string error, string rulePrefix)
    {
        if (!error.StartsWith(rulePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        ReadOnlySpan<char> rest = error.AsSpan(rulePrefix.Length);
        int end = rest.IndexOfAny(' ', ':');
        return int.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : -1;
    }

    private static void ExpectObject(IConfigurationSection section, string what, SettingReader values)
    {
        if (section.Value is { Length: > 0 } value)
        {
            values.Errors.Add($"{section.Path} must be {what}, not the value '{value}'");
        }
    }

    /// <summary>The keys of one rule kind and the builder call that adds it.</summary>
    /// <param name="Keys">The keys the kind's rules may set besides <c>Kind</c>, spelled as the builder method's parameters.</param>
    /// <param name="Add">The builder call.</param>
    internal sealed record KindReader(string[] Keys, AddRule Add)
    {
        /// <summary>Gets every key a rule of this kind may hold.</summary>
        public string[] AllowedKeys { get; } = [KindKey, .. Keys];
    }

    /// <summary>Reads the settings of one rule; a value that does not parse or a required key that is missing is reported and stood in for.</summary>
    internal sealed class RuleSettings(IConfigurationSection section, RuleKind kind, SettingReader values)
    {
        /// <summary>Gets the rule's section.</summary>
        public IConfigurationSection Section { get; } = section;

        /// <summary>Gets the value parser.</summary>
        public SettingReader Values { get; } = values;

        /// <summary>Reads the required <c>Metric</c>.</summary>
        public string Metric()
        {
            string? metric = Values.Text(Section, "Metric");
            if (string.IsNullOrWhiteSpace(metric) && !Section.GetSection("Metric").GetChildren().Any())
            {
                Values.Errors.Add($"{Section.Path}:Metric is required for {kind} rules");
            }

            return metric ?? string.Empty;
        }

        /// <summary>Reads an optional number.</summary>
        public double? Number(string key) => Values.Number(Section, key);

        /// <summary>Reads a required number.</summary>
        public double RequiredNumber(string key) => Values.Number(Section, key) ?? Missing(key);

        /// <summary>Reads an optional enum value.</summary>
        public T Enumeration<T>(string key, T defaultValue)
            where T : struct, Enum =>
            Values.Enumeration<T>(Section, key) ?? defaultValue;

        /// <summary>Reports <paramref name="key"/> as required when it is absent (a value that did not parse, or a section given as the value, is already reported) and returns a stand-in.</summary>
        public int Missing(string key)
        {
            if (!Section.GetSection(key).Exists())
            {
                Values.Errors.Add($"{Section.Path}:{key} is required for {kind} rules");
            }

            return 0;
        }
    }
}
