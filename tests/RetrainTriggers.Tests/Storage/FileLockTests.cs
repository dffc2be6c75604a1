using System.Diagnostics;
using System.Globalization;
using RetrainTriggers.Storage;
using RetrainTriggers.Tests.TestSupport;

namespace RetrainTriggers.Tests.Storage;

public sealed class FileLockTests : IDisposable
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rt-lock-" + Guid.NewGuid().ToString("N"));

    public FileLockTests() => Directory.CreateDirectory(_folder);

    private string LockPath => Path.Combine(_folder, "x.lock");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AcquireAsync_Free_ReturnsHeldLockAndReleaseLetsNextIn()
    {
        var first = await FileLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);
        first.Path.Should().Be(LockPath);
        await first.DisposeAsync();

        await using var second = await FileLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);
        File.Exists(LockPath).Should().BeTrue();
    }

    [Fact]
    public async Task AcquireAsync_HeldInThisProcess_TimesOutNamingFileAndLeavesNoTicket()
    {
        await using var held = await FileLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);

        var act = async () => await FileLock.AcquireAsync(LockPath, TimeSpan.FromMilliseconds(150), TimeProvider.System, CancellationToken.None);

        (await act.Should().ThrowAsync<TimeoutException>()).WithMessage($"*'{LockPath}'*raise the lock timeout*");
        Directory.GetFiles(_folder).Should().Equal(LockPath);
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_ThrowsOperationCanceled()
    {
        await using var held = await FileLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var act = async () => await FileLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(30), TimeProvider.System, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task AcquireAsync_BadArguments_Throw()
    {
        var zero = async () => await FileLock.AcquireAsync(LockPath, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);
        var missing = async () => await FileLock.AcquireAsync(Path.Combine(_folder, "no", "x.lock"), TimeSpan.FromSeconds(1), TimeProvider.System, CancellationToken.None);

        await zero.Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("timeout");
        await missing.Should().ThrowAsync<DirectoryNotFoundException>();
    }

    [Fact]
    public async Task AcquireAsync_StaleTicketOfCrashedWaiter_IsRemovedAndDoesNotBlock()
    {
        var stale = Path.Combine(_folder, "x.lock" + FileLock.TicketInfix + "0000000000000000001-deadbeef");
        await File.WriteAllTextAsync(stale, string.Empty);

        await using (await FileLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None))
        {
            File.Exists(stale).Should().BeFalse();
        }
    }

    [Fact]
    public async Task AcquireAsync_Waiters_AreServedOldestTicketFirst()
    {
        var held = await FileLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None);
        var order = new List<string>();
        async Task Take(string who)
        {
            await using (await FileLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(20), TimeProvider.System, CancellationToken.None))
            {
                lock (order)
                {
                    order.Add(who);
                }
            }
        }

        var early = Task.Run(() => Take("early"));
        await WaitForTicketsAsync(1);
        var late = Task.Run(() => Take("late"));
        await WaitForTicketsAsync(2);
        await held.DisposeAsync();
        await Task.WhenAll(early, late);

        order.Should().Equal("early", "late");
    }

    [Fact]
    public async Task AcquireAsync_HeldByAnotherProcess_WaitsUntilItReleases()
    {
        using var child = ChildProcess.Start("hold-lock", LockPath);
        (await child.ReadLineAsync(ChildTimeout)).Should().Be("locked");

        var blocked = async () => await FileLock.AcquireAsync(LockPath, TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);
        await blocked.Should().ThrowAsync<TimeoutException>("the other process holds the lock");

        var waiting = FileLock.AcquireAsync(LockPath, ChildTimeout, TimeProvider.System, CancellationToken.None).AsTask();
        await child.WriteLineAsync("release");
        await using var taken = await waiting;
        await child.WaitAsync(ChildTimeout);
    }

    [Fact]
    public async Task AcquireAsync_TwoProcessesCountingUnderTheLock_LoseNoIncrement()
    {
        var counter = Path.Combine(_folder, "counter.txt");
        const int PerProcess = 40;

        using var a = ChildProcess.Start("count-under-lock", LockPath, counter, PerProcess.ToString(CultureInfo.InvariantCulture));
        using var b = ChildProcess.Start("count-under-lock", LockPath, counter, PerProcess.ToString(CultureInfo.InvariantCulture));
        await Task.WhenAll(a.WaitAsync(ChildTimeout), b.WaitAsync(ChildTimeout));

        (await File.ReadAllTextAsync(counter)).Should().Be((2 * PerProcess).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AcquireAsync_TwoProcessesReacquiringInALoop_TakeTurnsSoNeitherStarves()
    {
        var log = Path.Combine(_folder, "log.txt");
        const int PerProcess = 60;

        using var a = ChildProcess.Start("log-under-lock", LockPath, log, "a", PerProcess.ToString(CultureInfo.InvariantCulture));
        using var b = ChildProcess.Start("log-under-lock", LockPath, log, "b", PerProcess.ToString(CultureInfo.InvariantCulture));
        (await a.ReadLineAsync(ChildTimeout)).Should().Be("ready");
        (await b.ReadLineAsync(ChildTimeout)).Should().Be("ready");
        await Task.WhenAll(a.WriteLineAsync("go"), b.WriteLineAsync("go"));
        await Task.WhenAll(a.WaitAsync(ChildTimeout), b.WaitAsync(ChildTimeout));

        var entries = await File.ReadAllLinesAsync(log);
        entries.Should().HaveCount(2 * PerProcess);

        // While both were running, neither may hold the lock many times in a row: the other was always waiting.
        var start = Math.Max(Array.IndexOf(entries, "a"), Array.IndexOf(entries, "b"));
        var end = Math.Min(Array.LastIndexOf(entries, "a"), Array.LastIndexOf(entries, "b"));
        var longestRun = 0;
        for (int i = start, run = 0; i <= end; i++)
        {
            run = i > start && entries[i] == entries[i - 1] ? run + 1 : 1;
            longestRun = Math.Max(longestRun, run);
        }

        (end - start).Should().BeGreaterThan(PerProcess / 2, "both processes should overlap for most of the run");
        longestRun.Should().BeLessThanOrEqualTo(5, "a waiter queued behind the holder gets the lock before the holder takes it again");
    }

    private async Task WaitForTicketsAsync(int count)
    {
        var watch = Stopwatch.StartNew();
        while (Directory.GetFiles(_folder, "x.lock" + FileLock.TicketInfix + "*").Length < count)
        {
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the waiters should queue tickets");
            await Task.Yield();
        }
    }
}
