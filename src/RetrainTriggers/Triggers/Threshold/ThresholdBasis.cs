namespace RetrainTriggers;

/// <summary>What a metric threshold is measured against.</summary>
public enum ThresholdBasis
{
    /// <summary>The threshold is the value itself: <c>accuracy &lt; 0.85</c>.</summary>
    Absolute = 0,

    /// <summary>The threshold is a factor of the baseline recorded at the last retrain: <c>accuracy &lt; 0.95 × baseline</c>.</summary>
    BaselineFactor = 1,

    /// <summary>The threshold is an offset added to the baseline recorded at the last retrain: <c>error_rate &gt; baseline + 0.02</c>.</summary>
    BaselineOffset = 2,
}
