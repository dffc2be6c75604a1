namespace RetrainTriggers.Statistics;

/// <summary>Corrected p-values and rejections of several simultaneous tests, as statsmodels' <c>multipletests</c> returns them.</summary>
public sealed class MultipleTestingResult
{
    internal MultipleTestingResult(bool[] reject, double[] corrected, double sidakAlpha, double bonferroniAlpha)
    {
        Reject = reject;
        CorrectedPValues = corrected;
        SidakAlpha = sidakAlpha;
        BonferroniAlpha = bonferroniAlpha;
    }

    /// <summary>Gets, for each test in input order, whether its null hypothesis is rejected (statsmodels' <c>reject</c>).</summary>
    public IReadOnlyList<bool> Reject { get; }

    /// <summary>Gets the corrected p-values in input order, capped at 1 (statsmodels' <c>pvals_corrected</c>).</summary>
    public IReadOnlyList<double> CorrectedPValues { get; }

    /// <summary>Gets the Šidák per-test level <c>1 - (1 - alpha)^(1/m)</c> (statsmodels' <c>alphacSidak</c>).</summary>
    public double SidakAlpha { get; }

    /// <summary>Gets the Bonferroni per-test level <c>alpha / m</c> (statsmodels' <c>alphacBonf</c>).</summary>
    public double BonferroniAlpha { get; }
}
