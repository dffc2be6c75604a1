// One orchestrator instance of pipeline "churn" on a PostgreSQL store, run as its own process by the tests.
//   run <connection> <schema> <instance> <trainings-file> <evaluations>   evaluate and run <evaluations> times
//   hang <connection> <schema> <instance> <trainings-file>                 start a training that never ends (to be killed)
//   recover <connection> <schema> <instance> <trainings-file>              mark orphaned runs Interrupted, then run once
// Every training appends "<instance> <run id> <fire key>" to the trainings file (O_APPEND: whole lines across processes).
using System.Globalization;
using RetrainTriggers;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;
using RetrainTriggers.PostgreSql;

if (args.Length < 4)
{
    Console.Error.WriteLine("usage: run|hang|recover <connection> <schema> <instance> <trainings-file> [evaluations]");
    return 2;
}

var (mode, connection, schema, instance, trainings) = (args[0], args[1], args[2], args[3], args[4]);
await using var store = new PostgreSqlRetrainStore(new PostgreSqlRetrainStoreOptions { ConnectionString = connection, Schema = schema });
var trainer = new AppendingTrainer(instance, trainings, hang: mode == "hang");
using var pipeline = new RetrainPipeline<HostModel>(new RetrainPipelineOptions<HostModel>
{
    Name = "churn",
    Trigger = Trigger.Below("Accuracy", 0.85, "accuracy-low"),
    Trainer = trainer,
    Evaluator = new HostEvaluator(),
    Policy = PromotionPolicy.CreateBuilder().Metric("Accuracy", MetricDirection.HigherIsBetter).Superior("Accuracy").Build(),
    Registry = new InMemoryModelRegistry<HostModel>(),
    Store = store,
    // Short for the instance that is killed (so another takes over soon), long enough elsewhere for a loaded machine.
    LeaseDuration = mode == "hang" ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(30),
    Cooldown = TimeSpan.FromMilliseconds(1),
    RetryDelay = TimeSpan.FromMilliseconds(10),
    MaxRetryDelay = TimeSpan.FromMilliseconds(50),
});

switch (mode)
{
    case "run":
        var evaluations = int.Parse(args[5], CultureInfo.InvariantCulture);
        for (var i = 0; i < evaluations; i++)
        {
            try
            {
                await pipeline.RunOnceAsync();
            }
            catch (RetrainLeaseLostException e)
            {
                // Fencing refused a write of this instance after another took the lease over: nothing of it happened.
                Console.WriteLine("lease lost: " + e.Message);
            }
        }

        break;
    case "hang":
        await pipeline.RunOnceAsync();
        break;
    case "recover":
        // The killed holder's lease expires a few seconds after its last renewal; until then recovery cannot claim it.
        var interrupted = await pipeline.RecoverAsync();
        for (var attempt = 0; interrupted.Count == 0 && attempt < 120; attempt++)
        {
            await Task.Delay(500);
            interrupted = await pipeline.RecoverAsync();
        }

        Console.WriteLine("interrupted " + interrupted.Count);
        await pipeline.RunOnceAsync();
        break;
    default:
        Console.Error.WriteLine("unknown mode " + mode);
        return 2;
}

return 0;

internal sealed record HostModel(double Accuracy);

internal sealed class AppendingTrainer(string instance, string file, bool hang) : IModelTrainer<HostModel>
{
    public async ValueTask<TrainedModel<HostModel>> TrainAsync(TrainingRequest request, CancellationToken cancellationToken = default)
    {
        File.AppendAllText(file, $"{instance} {request.RunId} {request.Reason.Split('\n')[0]}\n");
        if (hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return new TrainedModel<HostModel>(new HostModel(0.9), 1000, new Dictionary<string, double> { ["Accuracy"] = 0.9 });
    }
}

internal sealed class HostEvaluator : IModelEvaluator<HostModel>
{
    public ValueTask<ModelEvaluation> EvaluateAsync(HostModel model, CancellationToken cancellationToken = default) =>
        new(new ModelEvaluation(1000, new Dictionary<string, double> { ["Accuracy"] = model.Accuracy }));
}
