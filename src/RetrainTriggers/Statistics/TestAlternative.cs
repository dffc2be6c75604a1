namespace RetrainTriggers.Statistics;

/// <summary>The alternative hypothesis of a two-sample location or association test, with scipy's meaning.</summary>
/// <remarks>
/// The first sample is the reference and the second the current one, as in scipy's <c>f(reference, current)</c>:
/// for <see cref="MannWhitney"/> and <see cref="TTest"/> <see cref="Less"/> means the reference tends to smaller values
/// than the current sample; for <see cref="FisherExact"/> it means an odds ratio below 1.
/// </remarks>
public enum TestAlternative
{
    /// <summary>The samples differ in either direction (scipy <c>alternative="two-sided"</c>).</summary>
    TwoSided = 0,

    /// <summary>The reference's values (or the odds ratio) are smaller (scipy <c>alternative="less"</c>).</summary>
    Less = 1,

    /// <summary>The reference's values (or the odds ratio) are larger (scipy <c>alternative="greater"</c>).</summary>
    Greater = 2,
}
