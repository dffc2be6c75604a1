namespace RetrainTriggers;

/// <summary>Thread-safe in-memory named value streams a host appends to and concept-drift triggers read from.</summary>
/// <remarks>Each stream keeps its latest <see cref="Capacity"/> values; positions keep counting from the first value ever recorded.</remarks>
public sealed class InMemoryValueStreams : IValueStreamSource
{
    private readonly object gate = new();
    private readonly Dictionary<string, (long Dropped, List<double> Values)> streams = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="InMemoryValueStreams"/> class.</summary>
    /// <param name="capacity">How many of the latest values each stream keeps (default 100 000), ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
    public InMemoryValueStreams(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Gets how many of the latest values each stream keeps.</summary>
    public int Capacity { get; }

    /// <summary>Appends a value to <paramref name="stream"/> (for an error stream: 1 for a wrong prediction, 0 for a right one).</summary>
    /// <param name="stream">The stream name.</param>
    /// <param name="value">The value; must be finite.</param>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public void Record(string stream, double value)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A stream value must be finite.");
        }

        lock (gate)
        {
            if (!streams.TryGetValue(stream, out var s))
            {
                s = (0, []);
            }

            s.Values.Add(value);
            if (s.Values.Count > Capacity)
            {
                s.Values.RemoveAt(0);
                s.Dropped++;
            }

            streams[stream] = s;
        }
    }

    /// <inheritdoc />
    public ValueTask<(long FirstPosition, IReadOnlyList<double> Values)> ReadAsync(string stream, long position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        lock (gate)
        {
            if (!streams.TryGetValue(stream, out var s))
            {
                return ValueTask.FromResult<(long, IReadOnlyList<double>)>((position, []));
            }

            var first = Math.Max(position, s.Dropped);
            var skip = (int)Math.Min(first - s.Dropped, s.Values.Count);
            IReadOnlyList<double> values = s.Values.GetRange(skip, s.Values.Count - skip);
            return ValueTask.FromResult((first, values));
        }
    }
}
