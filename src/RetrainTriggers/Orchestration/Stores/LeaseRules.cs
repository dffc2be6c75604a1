using System.Globalization;

namespace RetrainTriggers.Orchestration;

/// <summary>The lease and fencing rules every store applies, so stores differ only in where they keep the numbers.</summary>
internal static class LeaseRules
{
    /// <summary>A new lease when <paramref name="current"/> is free, expired or the caller's own; otherwise <see langword="null"/>.</summary>
    public static RetrainLease? TryAcquire(RetrainLease? current, long lastToken, string pipelineName, string owner, TimeSpan duration, DateTimeOffset now)
    {
        if (current is not null && current.ExpiresAt > now && !string.Equals(current.Owner, owner, StringComparison.Ordinal))
        {
            return null;
        }

        return new RetrainLease(pipelineName, owner, checked(lastToken + 1), now + duration);
    }

    /// <summary>Throws <see cref="RetrainLeaseLostException"/> when a newer token than the lease's has been issued.</summary>
    public static void EnsureCurrent(RetrainLease lease, long lastToken)
    {
        if (lease.FencingToken != lastToken)
        {
            throw new RetrainLeaseLostException(string.Create(
                CultureInfo.InvariantCulture,
                $"The lease of pipeline '{lease.PipelineName}' held by '{lease.Owner}' (fencing token {lease.FencingToken}) was superseded by token {lastToken}; the write was refused."));
        }
    }
}
