using System.Globalization;
using Microsoft.ML;
using RetrainTriggers.Orchestration;

namespace RetrainTriggers.MLNet.Tests.TestSupport;

/// <summary>The entry point when this test assembly runs as a child process of a cross-process registry test (see <see cref="RetrainTriggers.Tests.TestSupport.ChildProcess"/>).</summary>
public static class ChildProgram
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args.FirstOrDefault())
        {
            case "registry-writer":
            {
                // registry-writer <root> <modelZip> <actor> <times>: says "ready", waits for a line, then registers and promotes <times> versions.
                var mlContext = new MLContext(seed: 1);
                var model = mlContext.Model.Load(args[2], out var schema);
                var registry = new FileSystemModelRegistry(args[1], mlContext, new FileSystemModelRegistryOptions { Actor = args[3], LockTimeout = TimeSpan.FromSeconds(60) });
                var times = int.Parse(args[4], CultureInfo.InvariantCulture);
                Console.WriteLine("ready");
                Console.Out.Flush();
                _ = Console.ReadLine();
                for (var i = 0; i < times; i++)
                {
                    var version = await registry.RegisterAsync(
                        new TrainedModel<ITransformer>(model, 10),
                        new TrainingRequest("churn", string.Create(CultureInfo.InvariantCulture, $"{args[3]}-{i}"), "contention test"),
                        schema);
                    var promoted = await registry.PromoteAsync(version.Version, args[3] + " promotes");
                    if (promoted.Version != version.Version)
                    {
                        await Console.Error.WriteLineAsync("promotion returned another version");
                        return 1;
                    }
                }

                return 0;
            }

            case "registry-reader":
            {
                // registry-reader <root> <stopFile>: says "ready", then reads champion, history and versions until <stopFile> exists;
                // prints how many rounds it read; any failure is printed and exits 1.
                var registry = new FileSystemModelRegistry(args[1], new MLContext(seed: 1));
                Console.WriteLine("ready");
                Console.Out.Flush();
                var rounds = 0;
                while (!File.Exists(args[2]))
                {
                    try
                    {
                        var champion = await registry.GetChampionAsync();
                        var history = await registry.GetChampionHistoryAsync();
                        _ = await registry.GetVersionsAsync();
                        if (champion is not null && history.All(h => h.Version != champion.Version))
                        {
                            await Console.Error.WriteLineAsync("champion missing from history");
                            return 1;
                        }
                    }
                    catch (Exception ex)
                    {
                        await Console.Error.WriteLineAsync("reader failed: " + ex);
                        return 1;
                    }

                    rounds++;
                }

                Console.WriteLine(rounds.ToString(CultureInfo.InvariantCulture));
                return 0;
            }

            case "pipeline-runner":
                // pipeline-runner <storeRoot> <actor>: see PipelineRunnerChild.
                return await PipelineRunnerChild.RunAsync(args[1], args[2]);

            default:
                await Console.Error.WriteLineAsync("unknown child command: " + string.Join(' ', args));
                return 2;
        }
    }
}
