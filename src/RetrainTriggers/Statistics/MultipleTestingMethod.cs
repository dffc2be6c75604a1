namespace RetrainTriggers.Statistics;

/// <summary>How p-values of several simultaneous tests (one per feature) are adjusted (see <see cref="MultipleTesting"/>).</summary>
public enum MultipleTestingMethod
{
    /// <summary>Bonferroni: controls the family-wise error rate; <c>p * m</c>, capped at 1 (statsmodels <c>"bonferroni"</c>).</summary>
    Bonferroni = 0,

    /// <summary>Benjamini–Hochberg: controls the false discovery rate under independence (statsmodels <c>"fdr_bh"</c>).</summary>
    BenjaminiHochberg = 1,

    /// <summary>Holm: step-down Bonferroni, controls the family-wise error rate (statsmodels <c>"holm"</c>).</summary>
    Holm = 2,

    /// <summary>Holm–Šidák: step-down Šidák, controls the family-wise error rate under independence (statsmodels <c>"holm-sidak"</c>).</summary>
    HolmSidak = 3,

    /// <summary>Šidák: <c>1 - (1 - p)^m</c>, controls the family-wise error rate under independence (statsmodels <c>"sidak"</c>).</summary>
    Sidak = 4,

    /// <summary>Simes–Hochberg: step-up, controls the family-wise error rate under independence (statsmodels <c>"simes-hochberg"</c>).</summary>
    SimesHochberg = 5,

    /// <summary>Hommel: closed Simes tests, controls the family-wise error rate under independence (statsmodels <c>"hommel"</c>).</summary>
    Hommel = 6,

    /// <summary>Benjamini–Yekutieli: controls the false discovery rate under any dependence (statsmodels <c>"fdr_by"</c>).</summary>
    BenjaminiYekutieli = 7,

    /// <summary>Two-stage Benjamini–Hochberg, adapts to the estimated share of true nulls (statsmodels <c>"fdr_tsbh"</c>); corrected values depend on alpha.</summary>
    TwoStageBenjaminiHochberg = 8,

    /// <summary>Two-stage Benjamini–Krieger–Yekutieli (statsmodels <c>"fdr_tsbky"</c>); corrected values depend on alpha.</summary>
    TwoStageBenjaminiKriegerYekutieli = 9,
}
