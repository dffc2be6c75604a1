using Microsoft.Extensions.Configuration;
using RetrainTriggers.Configuration;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;

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

    private readonly SettingReader _values;

    /// <summary>Initializes a new instance of the <see cref="PipelineConfigurationReader"/> class.</summary>
    public PipelineConfigurationReader() => _values = new SettingReader(Errors);

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
        _values.CheckKeys(section, Keys);
        settings.Interval = _values.Duration(section, "Interval") ?? settings.Interval;
        settings.StorePath = _values.Text(section, "StorePath") ?? settings.StorePath;
        settings.Cooldown = _values.Duration(section, "Cooldown") ?? settings.Cooldown;
        settings.TrainingTimeout = _values.Duration(section, "TrainingTimeout") ?? settings.TrainingTimeout;
        settings.MaxTrainingAttempts = _values.Integer(section, "MaxTrainingAttempts") ?? settings.MaxTrainingAttempts;
        settings.RetryDelay = _values.Duration(section, "RetryDelay") ?? settings.RetryDelay;
        settings.MaxRetryDelay = _values.Duration(section, "MaxRetryDelay") ?? settings.MaxRetryDelay;
        settings.CollisionPolicy = _values.Enumeration<RetrainCollisionPolicy>(section, "CollisionPolicy") ?? settings.CollisionPolicy;
        settings.LeaseDuration = _values.Duration(section, "LeaseDuration") ?? settings.LeaseDuration;
        settings.TrainingWindow = _values.Duration(section, "TrainingWindow") ?? settings.TrainingWindow;

        var watch = section.GetSection("Watch");
        if (watch.Exists())
        {
            _values.CheckKeys(watch, WatchKeys);
            var options = new PostPromotionWatchOptions();
            options.Window = _values.Duration(watch, "Window") ?? options.Window;
            options.MaxDegradation = _values.Number(watch, "MaxDegradation") ?? options.MaxDegradation;
            foreach (var metric in watch.GetSection("Metrics").GetChildren())
            {
                var name = _values.Value(metric);
                if (name is not null || !metric.GetChildren().Any())
                {
                    options.Metrics.Add(name ?? string.Empty);
                }
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
            settings.ConfiguredPolicy = PromotionPolicyConfigurationReader.Read(promotion, catalog, _values);
        }
    }
}
