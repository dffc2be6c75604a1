using System.Buffers;

namespace RetrainTriggers.Statistics;

/// <summary>The finite values of a raw sample, sorted into a pooled buffer that <see cref="Dispose"/> returns: the one rent-sort-return of every statistic.</summary>
internal readonly struct PooledSortedSample : IDisposable
{
    private readonly double[] buffer;
    private readonly int count;

    private PooledSortedSample(double[] buffer, int count)
    {
        this.buffer = buffer;
        this.count = count;
    }

    /// <summary>Gets the sorted finite values.</summary>
    public ReadOnlySpan<double> Span => buffer.AsSpan(0, count);

    /// <summary>Copies the finite values of <paramref name="values"/> (-0.0 as +0.0) into a pooled buffer and sorts them.</summary>
    /// <exception cref="ArgumentException">Fewer than <paramref name="minimumCount"/> finite values; the message names <paramref name="paramName"/>.</exception>
    public static PooledSortedSample Rent(ReadOnlySpan<double> values, string paramName, int minimumCount)
    {
        var rented = ContinuousSample.RentSortedFinite(values, paramName, minimumCount, out var n);
        return new PooledSortedSample(rented, n);
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (buffer is not null)
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
