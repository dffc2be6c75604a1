namespace RetrainTriggers.Data;

/// <summary>A growable categorical column filled one row at a time; equal values share one string instance (8 bytes per row plus each distinct value once).</summary>
internal sealed class CategoricalColumnBuffer(string name, int capacity = 1024) : ICategorySink
{
    private readonly StringPool pool = new();
    private string?[] values = new string?[Math.Max(16, capacity)];

    public string Name { get; } = name;

    public int Count { get; private set; }

    public ReadOnlyMemory<string?> Values => values.AsMemory(0, Count);

    public void Add(string? value) => Append(value is null ? null : pool.Get(value.AsSpan()));

    public void Add(ReadOnlySpan<char> value) => Append(pool.Get(value));

    public void AddMissing() => Append(null);

    private void Append(string? value)
    {
        if (Count == values.Length)
        {
            var larger = new string?[Math.Min((long)values.Length * 2, Array.MaxLength)];
            if (larger.Length == values.Length)
            {
                throw new InvalidOperationException($"Column '{Name}' holds more rows than one array can.");
            }

            values.AsSpan().CopyTo(larger);
            values = larger;
        }

        values[Count++] = value;
    }
}
