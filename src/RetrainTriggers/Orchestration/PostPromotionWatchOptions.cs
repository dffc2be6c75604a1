using System.ComponentModel.DataAnnotations;

namespace RetrainTriggers.Orchestration;

/// <summary>Configures the watch after a promotion: for a window, the new champion's live metrics are compared with the previous champion's holdout baseline, and a degradation beyond the margin rolls back.</summary>
public sealed class PostPromotionWatchOptions
{
    /// <summary>Gets or sets how long after a promotion the live metrics are watched.</summary>
    /// <value>Defaults to 1 day; must be positive, at most 3650 days.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets the metrics to watch (names as the evaluator reports them); empty watches every metric of the previous champion's baseline whose direction the promotion policy knows.</summary>
    public IList<string> Metrics { get; } = [];

    /// <summary>Gets or sets how much worse than the previous champion's baseline a live metric may be (absolute, in the metric's unit) before rolling back.</summary>
    /// <value>Defaults to 0.02; must be at least 0.</value>
    [Range(0, double.MaxValue)]
    public double MaxDegradation { get; set; } = 0.02;
}
