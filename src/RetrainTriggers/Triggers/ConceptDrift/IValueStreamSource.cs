namespace RetrainTriggers;

/// <summary>Supplies the values of named streams (an error stream, a per-batch loss) in the order the host recorded them.</summary>
public interface IValueStreamSource
{
    /// <summary>Reads the values of <paramref name="stream"/> recorded at or after <paramref name="position"/>.</summary>
    /// <param name="stream">The stream name (ordinal, case-sensitive).</param>
    /// <param name="position">The 0-based position of the first value wanted (the count of values already consumed).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The position of the first returned value (greater than <paramref name="position"/> when older values are no
    /// longer kept) and the values, oldest first; empty when nothing new was recorded.
    /// </returns>
    ValueTask<(long FirstPosition, IReadOnlyList<double> Values)> ReadAsync(string stream, long position, CancellationToken cancellationToken = default);
}
