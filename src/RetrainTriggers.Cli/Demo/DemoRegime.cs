namespace RetrainTriggers.Cli.Demo;

/// <summary>How the synthetic customers behave for a stretch of days: feature distributions and the churn concept.</summary>
/// <param name="Name">A short name for the timeline.</param>
/// <param name="Story">What changed in the world, in one sentence.</param>
internal sealed record DemoRegime(string Name, string Story)
{
    public double TenureMean { get; init; }

    public double TenureSd { get; init; } = 1;

    public double SupportCallsMean { get; init; }

    public double SupportCallsSd { get; init; } = 1;

    /// <summary>Gets the shares of the basic, plus and pro plans.</summary>
    public (double Basic, double Plus, double Pro) Plans { get; init; } = (0.5, 0.3, 0.2);

    public double Intercept { get; init; } = 0.3;

    public double TenureWeight { get; init; } = -2.0;

    public double UsageWeight { get; init; } = -1.5;

    public double SupportCallsWeight { get; init; } = 1.0;

    public double SpendWeight { get; init; } = 0.5;

    /// <summary>Gets the churn log-odds added for the basic plan (and subtracted for pro).</summary>
    public double PlanWeight { get; init; } = 0.5;
}
