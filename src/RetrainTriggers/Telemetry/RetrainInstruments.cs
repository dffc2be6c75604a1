using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RetrainTriggers.Telemetry;

/// <summary>The retrain loop's spans and instruments: one <see cref="ActivitySource"/> for the library, one meter per pipeline owner.</summary>
internal sealed class RetrainInstruments : IDisposable
{
    /// <summary>The tag naming the pipeline.</summary>
    public const string PipelineTag = "retrain.pipeline.name";

    /// <summary>The tag naming the root trigger's kind.</summary>
    public const string TriggerKindTag = "retrain.trigger.kind";

    /// <summary>The tag with the final state of a run.</summary>
    public const string RunResultTag = "retrain.run.result";

    /// <summary>The tag with the guards' verdict on a firing.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>The OpenTelemetry tag naming the failure.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The library's activity source.</summary>
    public static readonly ActivitySource Source = new(RetrainTelemetry.ActivitySourceName, typeof(RetrainInstruments).Assembly.GetName().Version?.ToString());

    private readonly Meter? ownedMeter;

    public RetrainInstruments(IMeterFactory? meterFactory)
    {
        Meter meter;
        if (meterFactory is null)
        {
            ownedMeter = new Meter(RetrainTelemetry.MeterName);
            meter = ownedMeter;
        }
        else
        {
            meter = meterFactory.Create(new MeterOptions(RetrainTelemetry.MeterName));
        }

        Evaluations = meter.CreateCounter<long>("retrain.trigger.evaluations", "{evaluation}", "Trigger tree evaluations.");
        Firings = meter.CreateCounter<long>("retrain.trigger.firings", "{firing}", "Trigger firings, by what the guards made of them (outcome).");
        RunDuration = meter.CreateHistogram<double>("retrain.run.duration", "s", "Duration of retrain runs, by final state.");
        ActiveRuns = meter.CreateUpDownCounter<long>("retrain.run.active", "{run}", "Retrain runs in progress.");
        Promotions = meter.CreateCounter<long>("retrain.promotions", "{promotion}", "Challengers promoted to champion.");
        Rollbacks = meter.CreateCounter<long>("retrain.rollbacks", "{rollback}", "Champions rolled back after a degraded watch window.");
        DriftScore = meter.CreateHistogram<double>("retrain.drift.score", "1", "Dataset drift scores checked against the champion's reference profile.");
    }

    public Counter<long> Evaluations { get; }

    public Counter<long> Firings { get; }

    public Histogram<double> RunDuration { get; }

    public UpDownCounter<long> ActiveRuns { get; }

    public Counter<long> Promotions { get; }

    public Counter<long> Rollbacks { get; }

    public Histogram<double> DriftScore { get; }

    public void Dispose() => ownedMeter?.Dispose();
}
