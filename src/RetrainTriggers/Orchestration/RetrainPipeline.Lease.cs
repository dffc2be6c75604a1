namespace RetrainTriggers.Orchestration;

/// <summary>Lease renewal while a run is in progress.</summary>
public sealed partial class RetrainPipeline<TModel>
{
    private LeaseRenewal StartRenewal(RetrainLease lease, CancellationTokenSource leaseLost) => new(this, lease, leaseLost);

    /// <summary>Renews the lease at a third of its duration while a run is in progress; cancels the run when the lease is lost.</summary>
    private sealed class LeaseRenewal : IAsyncDisposable
    {
        private readonly RetrainPipeline<TModel> pipeline;
        private readonly CancellationTokenSource leaseLost;
        private readonly ITimer timer;
        private readonly object gate = new();
        private RetrainLease lease;
        private Task pending = Task.CompletedTask;
        private bool disposed;

        public LeaseRenewal(RetrainPipeline<TModel> pipeline, RetrainLease lease, CancellationTokenSource leaseLost)
        {
            this.pipeline = pipeline;
            this.lease = lease;
            this.leaseLost = leaseLost;
            var period = pipeline.leaseDuration / 3;
            timer = pipeline.time.CreateTimer(_ => Renew(), null, period, period);
        }

        public async ValueTask DisposeAsync()
        {
            Task last;
            lock (gate)
            {
                disposed = true;
                last = pending;
            }

            await timer.DisposeAsync().ConfigureAwait(false);
            await last.ConfigureAwait(false);
        }

        private void Renew()
        {
            lock (gate)
            {
                if (disposed || !pending.IsCompleted)
                {
                    return;
                }

                pending = RenewAsync();
            }
        }

        private async Task RenewAsync()
        {
            try
            {
                var renewed = await pipeline.store.RenewLeaseAsync(lease, pipeline.leaseDuration, CancellationToken.None).ConfigureAwait(false);
                if (renewed is null)
                {
                    await leaseLost.CancelAsync().ConfigureAwait(false);
                    return;
                }

                lease = renewed;
            }
#pragma warning disable CA1031 // A failed renewal is retried at the next period; the lease lapses only if renewals keep failing.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
