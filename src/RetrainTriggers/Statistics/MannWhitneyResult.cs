namespace RetrainTriggers.Statistics;

/// <summary>The outcome of a Mann–Whitney U test (see <see cref="MannWhitney.Test"/>).</summary>
/// <param name="Statistic">U of the reference sample, <c>R1 - n1 (n1 + 1) / 2</c> (scipy's <c>statistic</c>), whatever the alternative.</param>
/// <param name="PValue">The p-value for the chosen alternative, in [0, 1].</param>
/// <param name="Method">The method that computed the p-value (what <see cref="MannWhitneyMethod.Auto"/> resolved to).</param>
public readonly record struct MannWhitneyResult(double Statistic, double PValue, MannWhitneyMethod Method);
