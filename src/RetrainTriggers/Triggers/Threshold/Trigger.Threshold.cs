namespace RetrainTriggers;

/// <content>The Threshold slice of the factory.</content>
public abstract partial class Trigger
{
    /// <summary>Fires when a metric is below, above, or outside a band, absolutely or relative to the baseline of the last retrain.</summary>
    /// <param name="options">The metric and its bounds.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">The metric is empty, no bound is set, or the band is inverted.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN or infinite, or a baseline factor is not positive.</exception>
    public static Trigger Threshold(ThresholdOptions options) => new ThresholdTrigger(options);

    /// <summary>Fires when <paramref name="metric"/> is strictly below <paramref name="threshold"/> (e.g. accuracy &lt; 0.85).</summary>
    /// <param name="metric">The metric name.</param>
    /// <param name="threshold">The bound.</param>
    /// <param name="name">The trigger name; default <c>threshold:{metric}</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Below(string metric, double threshold, string? name = null) =>
        new ThresholdTrigger(new ThresholdOptions { Metric = metric, Below = threshold, Name = name });

    /// <summary>Fires when <paramref name="metric"/> is strictly above <paramref name="threshold"/> (e.g. error_rate &gt; 0.1).</summary>
    /// <param name="metric">The metric name.</param>
    /// <param name="threshold">The bound.</param>
    /// <param name="name">The trigger name; default <c>threshold:{metric}</c>.</param>
    /// <returns>The trigger.</returns>
    public static Trigger Above(string metric, double threshold, string? name = null) =>
        new ThresholdTrigger(new ThresholdOptions { Metric = metric, Above = threshold, Name = name });
}
