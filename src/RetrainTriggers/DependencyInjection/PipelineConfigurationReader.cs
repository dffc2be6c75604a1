using System.Globalization;
using Microsoft.Extensions.Configuration;
using RetrainTriggers.Configuration;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Statistics;

namespace RetrainTriggers.DependencyInjection;

/// <summary>
/// Reads one <c>RetrainTriggers:Pipelines:&lt;name&gt;</c> section by hand (no reflection binder, so trimming- and AOT-safe):
/// guards, intervals, store path, watch, promotion policy and the trigger tree. Every problem names its configuration path.
/// </summary>
internal sealed class PipelineConfigurationReader
{
    /// <summary>The keys a pipeline section may hold.</summary>
    internal static readonly string[] Keys =
    [
        "Triggers", "Promotion", "Interval", "StorePath", "Cooldown", "TrainingTimeout", "MaxTrainingAttempts", "RetryDelay",
        "MaxRetryDelay", "CollisionPolicy", "LeaseDuration", "TrainingWindow", "Watch",
    ];

    private static readonly string[] WatchKeys = ["Window", "MaxDegradation", "Metrics"];
    private static readonly string[] PromotionKeys = ["Metrics", "AllowUnconditionalPromotion", "Rules"];

    private static readonly Dictionary<RuleKind, string[]> RuleKeys = new()
    {
        [RuleKind.ValueThreshold] = ["Metric", "LowerBound", "UpperBound", "Comparison"],
        [RuleKind.Change] = ["Metric", "Absolute", "Relative", "Comparison"],
        [RuleKind.Superior] = ["Metric", "Margin"],
        [RuleKind.NonInferior] = ["Metric", "Margin"],
        [RuleKind.SuspiciousImprovement] = ["Metric", "MaxImprovement"],
        [RuleKind.McNemar] = ["Alpha", "Method"],
        [RuleKind.PairedBootstrap] = ["Values", "ConfidenceLevel", "Resamples", "Seed"],
        [RuleKind.MinimumSampleSize] = ["Rows"],
    };

    /// <summary>Gets the problems found, each starting with its configuration path.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Reads <paramref name="section"/> into <paramref name="settings"/>; a missing section leaves the settings as they are.</summary>
    public void Read(IConfigurationSection section, PipelineSettings settings, MetricCatalog? catalog)
    {
        if (!section.Exists())
        {
            return;
        }

        settings.Section = section;
        CheckKeys(section, Keys);
        settings.Interval = Duration(section, "Interval") ?? settings.Interval;
        settings.StorePath = section["StorePath"] ?? settings.StorePath;
        settings.Cooldown = Duration(section, "Cooldown") ?? settings.Cooldown;
        settings.TrainingTimeout = Duration(section, "TrainingTimeout") ?? settings.TrainingTimeout;
        settings.MaxTrainingAttempts = Integer(section, "MaxTrainingAttempts") ?? settings.MaxTrainingAttempts;
        settings.RetryDelay = Duration(section, "RetryDelay") ?? settings.RetryDelay;
        settings.MaxRetryDelay = Duration(section, "MaxRetryDelay") ?? settings.MaxRetryDelay;
        settings.CollisionPolicy = Enumeration<RetrainCollisionPolicy>(section, "CollisionPolicy") ?? settings.CollisionPolicy;
        settings.LeaseDuration = Duration(section, "LeaseDuration") ?? settings.LeaseDuration;
        settings.TrainingWindow = Duration(section, "TrainingWindow") ?? settings.TrainingWindow;

        var watch = section.GetSection("Watch");
        if (watch.Exists())
        {
            CheckKeys(watch, WatchKeys);
            var options = new PostPromotionWatchOptions();
            options.Window = Duration(watch, "Window") ?? options.Window;
            options.MaxDegradation = Number(watch, "MaxDegradation") ?? options.MaxDegradation;
            foreach (var metric in watch.GetSection("Metrics").GetChildren())
            {
                options.Metrics.Add(metric.Value ?? string.Empty);
            }

            settings.Watch = options;
        }

        var triggers = section.GetSection("Triggers");
        if (triggers.Exists())
        {
            settings.TriggerSection = triggers;
            if (TriggerConfiguration.TryBuild(triggers, out var root, out var failures))
            {
                settings.ConfiguredTrigger = root;
            }
            else
            {
                Errors.AddRange(failures);
            }
        }

        var promotion = section.GetSection("Promotion");
        if (promotion.Exists())
        {
            settings.ConfiguredPolicy = ReadPolicy(promotion, catalog);
        }
    }

    private PromotionPolicy? ReadPolicy(IConfigurationSection section, MetricCatalog? catalog)
    {
        CheckKeys(section, PromotionKeys);
        var builder = PromotionPolicy.CreateBuilder();
        if (catalog is not null)
        {
            builder.UseCatalog(catalog);
        }

        var before = Errors.Count;
        foreach (var metric in section.GetSection("Metrics").GetChildren())
        {
            if (Enumeration<MetricDirection>(section.GetSection("Metrics"), metric.Key) is { } direction)
            {
                builder.Metric(metric.Key, direction);
            }
        }

        if (Boolean(section, "AllowUnconditionalPromotion") == true)
        {
            builder.AllowUnconditionalPromotion();
        }

        foreach (var rule in section.GetSection("Rules").GetChildren())
        {
            AddRule(builder, rule);
        }

        if (Errors.Count > before)
        {
            return null;
        }

        try
        {
            return builder.Build();
        }
        catch (ArgumentException ex)
        {
            var message = ex.Message;
            var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
            Errors.Add($"{section.Path}: {(cut < 0 ? message : message[..cut])}");
            return null;
        }
    }

    private void AddRule(PromotionPolicyBuilder builder, IConfigurationSection rule)
    {
        if (Enumeration<RuleKind>(rule, "Kind") is not { } kind)
        {
            if (rule["Kind"] is null)
            {
                Errors.Add($"{rule.Path}:Kind is required; expected one of {string.Join(", ", Enum.GetNames<RuleKind>())}");
            }

            return;
        }

        CheckKeys(rule, ["Kind", .. RuleKeys[kind]]);
        var metric = rule["Metric"];
        if (RuleKeys[kind].Contains("Metric") && string.IsNullOrWhiteSpace(metric))
        {
            Errors.Add($"{rule.Path}:Metric is required for {kind} rules");
            return;
        }

        var comparison = Enumeration<ThresholdComparison>(rule, "Comparison") ?? ThresholdComparison.Inclusive;
        switch (kind)
        {
            case RuleKind.ValueThreshold:
                builder.ValueThreshold(metric!, Number(rule, "LowerBound"), Number(rule, "UpperBound"), comparison);
                break;
            case RuleKind.Change:
                builder.Change(metric!, Number(rule, "Absolute"), Number(rule, "Relative"), comparison);
                break;
            case RuleKind.Superior:
                builder.Superior(metric!, Number(rule, "Margin") ?? 0);
                break;
            case RuleKind.NonInferior:
                builder.NonInferior(metric!, Required(rule, "Margin", kind));
                break;
            case RuleKind.SuspiciousImprovement:
                builder.SuspiciousImprovement(metric!, Required(rule, "MaxImprovement", kind));
                break;
            case RuleKind.McNemar:
                builder.McNemar(Number(rule, "Alpha") ?? 0.05, Enumeration<McNemarMethod>(rule, "Method") ?? McNemarMethod.Exact);
                break;
            case RuleKind.PairedBootstrap:
                builder.PairedBootstrap(
                    values: Enumeration<PerRowOutcome>(rule, "Values") ?? PerRowOutcome.RowCorrect,
                    confidenceLevel: Number(rule, "ConfidenceLevel") ?? Statistics.PairedBootstrap.DefaultConfidenceLevel,
                    resamples: Integer(rule, "Resamples") ?? Statistics.PairedBootstrap.DefaultResamples,
                    seed: UnsignedInteger(rule, "Seed") ?? Statistics.PairedBootstrap.DefaultSeed);
                break;
            case RuleKind.MinimumSampleSize:
                builder.MinimumSampleSize(Integer(rule, "Rows") ?? Missing(rule, "Rows", kind));
                break;
        }
    }

    private void CheckKeys(IConfigurationSection section, string[] allowed)
    {
        foreach (var child in section.GetChildren())
        {
            if (!allowed.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                Errors.Add($"{child.Path} is not a known setting; expected one of {string.Join(", ", allowed)}");
            }
        }
    }

    private double Required(IConfigurationSection section, string key, RuleKind kind) =>
        Number(section, key) ?? Missing(section, key, kind);

    private int Missing(IConfigurationSection section, string key, RuleKind kind)
    {
        if (section[key] is null)
        {
            Errors.Add($"{section.Path}:{key} is required for {kind} rules");
        }

        return 1;
    }

    private TimeSpan? Duration(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not a duration; use the invariant [d.]hh:mm:ss format (3.00:00:00 is three days)");
        return null;
    }

    private double? Number(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not a finite number (invariant culture, e.g. 0.05)");
        return null;
    }

    private int? Integer(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not a whole number");
        return null;
    }

    private ulong? UnsignedInteger(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not a non-negative whole number");
        return null;
    }

    private bool? Boolean(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not true or false");
        return null;
    }

    private T? Enumeration<T>(IConfigurationSection section, string key)
        where T : struct, Enum
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        if (!text.All(char.IsDigit) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        Errors.Add($"{section.Path}:{key} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
        return null;
    }
}
