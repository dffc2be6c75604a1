namespace RetrainTriggers.Cli.Demo;

/// <summary>One customer-day of the synthetic churn data: four numeric features, one categorical feature and the label.</summary>
internal sealed class DemoRow
{
    public float Tenure { get; set; }

    public float Usage { get; set; }

    public float SupportCalls { get; set; }

    public float Spend { get; set; }

    public string Plan { get; set; } = string.Empty;

    public bool Label { get; set; }
}
