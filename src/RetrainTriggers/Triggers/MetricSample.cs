namespace RetrainTriggers;

/// <summary>One reading of a metric: its value and when it was measured, so triggers can tell a fresh reading from a stale one.</summary>
public readonly struct MetricSample : IEquatable<MetricSample>
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

    /// <summary>Compares two readings by value and timestamp.</summary>
    /// <param name="left">The first reading.</param>
    /// <param name="right">The second reading.</param>
    /// <returns><see langword="true"/> when both value and timestamp are equal.</returns>
    public static bool operator ==(MetricSample left, MetricSample right) => left.Equals(right);

    /// <summary>Compares two readings by value and timestamp.</summary>
    /// <param name="left">The first reading.</param>
    /// <param name="right">The second reading.</param>
    /// <returns><see langword="true"/> when value or timestamp differ.</returns>
    public static bool operator !=(MetricSample left, MetricSample right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(MetricSample other) => Value.Equals(other.Value) && Timestamp.Equals(other.Timestamp);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MetricSample other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Timestamp);

    /// <summary>Formats the reading as <c>value@timestamp</c> with the invariant culture.</summary>
    /// <returns>E.g. <c>0.82@2026-03-01T02:00:00+00:00</c>.</returns>
    public override string ToString() => TriggerFormat.Number(Value) + "@" + TriggerFormat.Instant(Timestamp);
}
