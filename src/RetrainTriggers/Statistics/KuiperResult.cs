namespace RetrainTriggers.Statistics;

/// <summary>Kuiper's two-sample statistic and its two one-sided parts (see <see cref="Kuiper.TwoSample"/>).</summary>
/// <param name="Statistic">V = D⁺ + D⁻, in [0, 1].</param>
/// <param name="DPlus">D⁺ = max(F_reference − F_current), ≥ 0 (the KS <c>alternative="greater"</c> statistic).</param>
/// <param name="DMinus">D⁻ = max(F_current − F_reference), ≥ 0 (the KS <c>alternative="less"</c> statistic).</param>
public readonly record struct KuiperResult(double Statistic, double DPlus, double DMinus);
