using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RetrainTriggers.Evaluation;
using RetrainTriggers.Orchestration;
using static RetrainTriggers.Tests.Docs.DependencyInjectionDocsSnippets;

namespace RetrainTriggers.PostgreSql.Tests;

/// <summary>The snippet of docs/postgresql.md, run against the test server; the page quotes it verbatim.</summary>
public class PostgreSqlDocsSnippets
{
    [Fact]
    public async Task Registration_PipelineOnPostgreSql_Runs()
    {
        var connectionString = PostgresServer.ConnectionString;
        var schema = PostgresServer.NewSchema();
        var services = new ServiceCollection();

        // <postgresql-di>
        services.AddRetrainTriggers()
            .AddPipeline<ChurnModel>("churn", pipeline => pipeline
                .WithTriggers(Trigger.Below("Accuracy", 0.85))
                .UseTrainer<ChurnTrainer>()
                .UseEvaluator<ChurnEvaluator>()
                .UseRegistry(_ => new InMemoryModelRegistry<ChurnModel>())
                .UsePromotionPolicy(policy => policy
                    .Metric("Accuracy", MetricDirection.HigherIsBetter)
                    .Superior("Accuracy"))
                .UsePostgreSql(connectionString, store => store.Schema = schema));
        // </postgresql-di>
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var pipeline = provider.GetRequiredKeyedService<RetrainPipeline<ChurnModel>>("churn");
        await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

        var evaluation = await pipeline.RunOnceAsync();

        evaluation.Run!.State.Should().Be(RetrainRunState.Promoted, evaluation.Run.Explain());
    }
}
