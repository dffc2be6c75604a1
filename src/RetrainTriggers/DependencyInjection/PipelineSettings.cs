using Microsoft.Extensions.Configuration;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.DependencyInjection;

/// <summary>What the configuration section of one pipeline said; <see langword="null"/> members keep the code's or the options' defaults.</summary>
internal sealed class PipelineSettings
{
    /// <summary>The monitoring interval when neither code nor configuration sets one.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    public IConfigurationSection? Section { get; set; }

    public TimeSpan? Interval { get; set; }

    public string? StorePath { get; set; }

    public TimeSpan? Cooldown { get; set; }

    public TimeSpan? TrainingTimeout { get; set; }

    public int? MaxTrainingAttempts { get; set; }

    public TimeSpan? RetryDelay { get; set; }

    public TimeSpan? MaxRetryDelay { get; set; }

    public RetrainCollisionPolicy? CollisionPolicy { get; set; }

    public TimeSpan? LeaseDuration { get; set; }

    public TimeSpan? TrainingWindow { get; set; }

    public PostPromotionWatchOptions? Watch { get; set; }

    public IConfigurationSection? TriggerSection { get; set; }

    public ITrigger? ConfiguredTrigger { get; set; }

    public PromotionPolicy? ConfiguredPolicy { get; set; }
}
