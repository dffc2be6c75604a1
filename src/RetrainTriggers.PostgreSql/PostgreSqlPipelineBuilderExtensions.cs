using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using RetrainTriggers.PostgreSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps a pipeline's runs, fire keys, leases, signals and trigger state in PostgreSQL, shared by every instance of the application.</summary>
public static class PostgreSqlPipelineBuilderExtensions
{
    /// <summary>
    /// Uses a <see cref="PostgreSqlRetrainStore"/> on the database at <paramref name="connectionString"/> as the pipeline's store.
    /// The store is a keyed singleton under the pipeline name, disposed with the container; its options are validated
    /// when the host starts, and a problem fails the start naming the pipeline's <c>Store</c>.
    /// </summary>
    /// <typeparam name="TModel">The model type of the pipeline.</typeparam>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="connectionString">The Npgsql connection string, for example from <c>configuration.GetConnectionString("retrain")</c>.</param>
    /// <param name="configure">Sets the other options (schema, command timeout, document limit); optional.</param>
    /// <returns>The pipeline builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pipeline"/> or <paramref name="connectionString"/> is <see langword="null"/>.</exception>
    public static RetrainPipelineBuilder<TModel> UsePostgreSql<TModel>(
        this RetrainPipelineBuilder<TModel> pipeline, string connectionString, Action<PostgreSqlRetrainStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(connectionString);
        return Use(pipeline, options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Uses a <see cref="PostgreSqlRetrainStore"/> that opens its connections from <paramref name="dataSource"/> (for example one
    /// built with Npgsql's OpenTelemetry tracing) as the pipeline's store. The data source stays the caller's to dispose.
    /// </summary>
    /// <typeparam name="TModel">The model type of the pipeline.</typeparam>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="dataSource">The data source.</param>
    /// <param name="configure">Sets the other options (schema, command timeout, document limit); optional.</param>
    /// <returns>The pipeline builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pipeline"/> or <paramref name="dataSource"/> is <see langword="null"/>.</exception>
    public static RetrainPipelineBuilder<TModel> UsePostgreSql<TModel>(
        this RetrainPipelineBuilder<TModel> pipeline, NpgsqlDataSource dataSource, Action<PostgreSqlRetrainStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(dataSource);
        return Use(pipeline, options =>
        {
            options.DataSource = dataSource;
            configure?.Invoke(options);
        });
    }

    private static RetrainPipelineBuilder<TModel> Use<TModel>(RetrainPipelineBuilder<TModel> pipeline, Action<PostgreSqlRetrainStoreOptions> configure)
    {
        var name = pipeline.Name;
        pipeline.Services.RemoveAllKeyed<PostgreSqlRetrainStore>(name);
        pipeline.Services.AddKeyedSingleton(name, (services, _) =>
        {
            var options = new PostgreSqlRetrainStoreOptions();
            configure(options);
            return new PostgreSqlRetrainStore(options, services.GetService<TimeProvider>());
        });
        return pipeline.UseStore(services => services.GetRequiredKeyedService<PostgreSqlRetrainStore>(name));
    }
}
