namespace RetrainTriggers;

/// <summary>One recorded value of a metric together with the instant it was measured.</summary>
public readonly struct MetricSample : IEquatable<MetricSample>
{
    /// <summary>Creates a sample.</summary>
    /// <param name="value">The metric value (NaN is kept; triggers report it as insufficient data).</param>
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

    /// <summary>Compares two samples for equality.</summary>
    /// <param name="left">The first sample.</param>
    /// <param name="right">The second sample.</param>
    /// <returns><see langword="true"/> when value and timestamp are equal.</returns>
    public static bool operator ==(MetricSample left, MetricSample right) => left.Equals(right);

    /// <summary>Compares two samples for inequality.</summary>
    /// <param name="left">The first sample.</param>
    /// <param name="right">The second sample.</param>
    /// <returns><see langword="true"/> when value or timestamp differ.</returns>
    public static bool operator !=(MetricSample left, MetricSample right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(MetricSample other) => Value.Equals(other.Value) && Timestamp.Equals(other.Timestamp);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MetricSample other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Timestamp);
}
