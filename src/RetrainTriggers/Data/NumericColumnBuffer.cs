namespace RetrainTriggers.Data;

/// <summary>A growable column of doubles filled one row at a time (8 bytes per row, up to twice that while it grows).</summary>
internal sealed class NumericColumnBuffer(string name, int capacity = 1024)
{
    private double[] values = new double[Math.Max(16, capacity)];

    public string Name { get; } = name;

    public int Count { get; private set; }

    public ReadOnlyMemory<double> Values => values.AsMemory(0, Count);

    public void Add(double value)
    {
        if (Count == values.Length)
        {
            Grow();
        }

        values[Count++] = value;
    }

    /// <summary>Drops the values so the memory can be reclaimed once the column is profiled.</summary>
    public void Release()
    {
        values = [];
        Count = 0;
    }

    private void Grow()
    {
        var larger = new double[checked(Math.Min((long)values.Length * 2, Array.MaxLength))];
        if (larger.Length == values.Length)
        {
            throw new InvalidOperationException($"Column '{Name}' holds more rows than one array can.");
        }

        values.AsSpan().CopyTo(larger);
        values = larger;
    }
}
