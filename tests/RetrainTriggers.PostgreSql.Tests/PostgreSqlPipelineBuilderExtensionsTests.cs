using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using RetrainTriggers.Orchestration;
using RetrainTriggers.Tests.Orchestration;

namespace RetrainTriggers.PostgreSql.Tests;

public class PostgreSqlPipelineBuilderExtensionsTests
{
    private readonly FakeTimeProvider time = new(PipelineHarness.Start);

    [Fact]
    public async Task UsePostgreSql_ConnectionString_RunsThePipelineOnTheDatabase()
    {
        var schema = PostgresServer.NewSchema();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p
            .WithTriggers(Trigger.Below("Accuracy", 0.85))
            .UseTrainer(_ => new ScriptedTrainer().ThenReturn(0.9))
            .UseEvaluator<AccuracyEvaluator>()
            .UseRegistry(_ => new InMemoryModelRegistry<FakeModel>(time))
            .UsePromotionPolicy(PipelineHarness.Policy)
            .UsePostgreSql(PostgresServer.ConnectionString, o => o.Schema = schema));
        await using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            var pipeline = provider.GetRequiredKeyedService<RetrainPipeline<FakeModel>>("churn");
            await pipeline.Signals.RecordMetricAsync("Accuracy", 0.8);

            var evaluation = await pipeline.RunOnceAsync();

            evaluation.Run!.State.Should().Be(RetrainRunState.Promoted, evaluation.Run.Explain());
            provider.GetRequiredKeyedService<PostgreSqlRetrainStore>("churn").Schema.Should().Be(schema);
        }

        // What the pipeline wrote is in the database, read by a store of another "instance".
        await using var other = PostgresServer.NewStore(schema, time);
        var runs = await other.QueryRunsAsync("churn", new RetrainRunQuery { Limit = 10 });
        runs.Should().ContainSingle().Which.State.Should().Be(RetrainRunState.Promoted);
        (await other.GetMetricAsync("churn", "Accuracy"))!.Value.Value.Should().Be(0.8);
    }

    [Fact]
    public async Task UsePostgreSql_DataSource_UsesItAndLeavesItOpen()
    {
        var schema = PostgresServer.NewSchema();
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        var services = new ServiceCollection();
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p
            .UseTrainer<ScriptedTrainer>()
            .UseEvaluator<AccuracyEvaluator>()
            .UseRegistry(_ => new InMemoryModelRegistry<FakeModel>())
            .UsePromotionPolicy(PipelineHarness.Policy)
            .UsePostgreSql(dataSource, o => o.Schema = schema));
        await using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            var pipeline = provider.GetRequiredKeyedService<RetrainPipeline<FakeModel>>("churn");
            await pipeline.Signals.AddLabeledRowsAsync(42);
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"select count(*) from \"{schema}\".labeled_rows", connection);
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(1, "the container disposed the store but not the caller's data source");
    }

    [Fact]
    public async Task UsePostgreSql_BadOptions_FailTheStartNamingThePipelineStore()
    {
        var services = new ServiceCollection();
        services.AddRetrainTriggers().AddPipeline<FakeModel>("churn", p => p
            .UseTrainer<ScriptedTrainer>()
            .UseEvaluator<AccuracyEvaluator>()
            .UseRegistry(_ => new InMemoryModelRegistry<FakeModel>())
            .UsePromotionPolicy(PipelineHarness.Policy)
            .UsePostgreSql(" ", o => o.Schema = "Bad-Schema"));
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("RetrainTriggers:Pipelines:churn:Store could not be created:")
            .And.Contain("ConnectionString is required").And.Contain("Schema 'Bad-Schema' is not allowed");
    }
}
