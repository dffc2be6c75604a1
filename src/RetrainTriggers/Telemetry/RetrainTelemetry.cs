namespace RetrainTriggers.Telemetry;

/// <summary>The names under which the retrain loop publishes traces and metrics, for OpenTelemetry registration.</summary>
/// <remarks>
/// <code>
/// builder.Services.AddOpenTelemetry()
///     .WithTracing(t => t.AddSource(RetrainTelemetry.ActivitySourceName))
///     .WithMetrics(m => m.AddMeter(RetrainTelemetry.MeterName));
/// </code>
/// </remarks>
public static class RetrainTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> whose spans are <c>retrain.evaluate</c>, <c>retrain.run</c> and one child per run stage.</summary>
    public const string ActivitySourceName = "RetrainTriggers";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that carries the <c>retrain.*</c> instruments.</summary>
    public const string MeterName = "RetrainTriggers";
}
