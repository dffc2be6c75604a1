using System.Globalization;
using RetrainTriggers.Storage;

namespace RetrainTriggers.Tests.TestSupport;

/// <summary>The entry point when this test assembly runs as a child process of a cross-process test (see <see cref="ChildProcess"/>).</summary>
public static class ChildProgram
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args.FirstOrDefault())
        {
            case "hold-lock":
                // hold-lock <lockPath>: takes the lock, says "locked", releases when stdin has a line (or closes).
                await using (await FileLock.AcquireAsync(args[1], TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None))
                {
                    Console.WriteLine("locked");
                    Console.Out.Flush();
                    _ = Console.ReadLine();
                }

                return 0;

            case "count-under-lock":
                // count-under-lock <lockPath> <counterPath> <times>: read-modify-write of a counter file under the lock.
                var times = int.Parse(args[3], CultureInfo.InvariantCulture);
                for (var i = 0; i < times; i++)
                {
                    await using (await FileLock.AcquireAsync(args[1], TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None))
                    {
                        var text = File.Exists(args[2]) ? await File.ReadAllTextAsync(args[2]) : "0";
                        var next = int.Parse(text, CultureInfo.InvariantCulture) + 1;
                        AtomicFile.Write(args[2], System.Text.Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture)));
                    }
                }

                return 0;

            case "log-under-lock":
                // log-under-lock <lockPath> <logPath> <id> <times>: says "ready", waits for a line on stdin, then appends
                // its id to a shared log under the lock as fast as it can.
                var n = int.Parse(args[4], CultureInfo.InvariantCulture);
                Console.WriteLine("ready");
                Console.Out.Flush();
                _ = Console.ReadLine();
                for (var i = 0; i < n; i++)
                {
                    await using (await FileLock.AcquireAsync(args[1], TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None))
                    {
                        await File.AppendAllTextAsync(args[2], args[3] + "\n");
                    }
                }

                return 0;

            case "state-writer":
                // state-writer <statePath> <prefix> <count>: sets <prefix>-0 … <prefix>-(count-1) in one shared state file.
                var count = int.Parse(args[3], CultureInfo.InvariantCulture);
                using (var store = new FileTriggerStateStore(args[1]))
                {
                    for (var i = 0; i < count; i++)
                    {
                        await store.SetAsync(string.Create(CultureInfo.InvariantCulture, $"{args[2]}-{i}"), "{\"n\":" + i.ToString(CultureInfo.InvariantCulture) + "}");
                    }
                }

                return 0;

            default:
                // Run by the test host as a library; an unknown command here is a test bug.
                await Console.Error.WriteLineAsync("unknown child command: " + string.Join(' ', args));
                return 2;
        }
    }
}
