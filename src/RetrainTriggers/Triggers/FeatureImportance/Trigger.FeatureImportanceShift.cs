namespace RetrainTriggers;

/// <content>The feature-importance shift slice of the factory.</content>
public abstract partial class Trigger
{
    /// <summary>
    /// Fires when the model's feature-importance shares moved by at least <see cref="FeatureImportanceShiftOptions.MaxShareShift"/>
    /// (total variation distance of the shares) and/or a top feature moved at least <see cref="FeatureImportanceShiftOptions.MaxRankShift"/>
    /// places, against the importances recorded at the last retrain; the reason lists the features that moved most.
    /// </summary>
    /// <param name="options">The importance source and the thresholds.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static Trigger FeatureImportanceShift(FeatureImportanceShiftOptions options) => new FeatureImportanceShiftTrigger(options);
}
