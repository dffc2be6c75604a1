namespace RetrainTriggers;

/// <summary>One reading of a metric: its value and when it was measured, so triggers can tell a fresh reading from a stale one.</summary>
public readonly struct MetricSample
{
    /// <summary>Creates a reading of <paramref name="value"/> measured at <paramref name="timestamp"/>.</summary>
    /// <param name="value">The metric value; NaN and infinities are kept (triggers report them as insufficient data).</param>
    /// <param name="timestamp">When the value was measured.</param>
    public MetricSample(double value, DateTimeOffset timestamp)
    {
        Value = value;
        Timestamp = timestamp;
    }

    /// <summary>Gets the metric value.</summary>
    public double Value { get; }

    /// <summary>Gets when the value was measured.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Formats the reading as <c>value@timestamp</c> with the invariant culture.</summary>
    /// <returns>E.g. <c>0.82@2026-03-01T02:00:00+00:00</c>.</returns>
    public override string ToString() => TriggerFormat.Number(Value) + "@" + TriggerFormat.Instant(Timestamp);
}
