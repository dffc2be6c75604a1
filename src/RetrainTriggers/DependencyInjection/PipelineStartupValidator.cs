using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RetrainTriggers.DependencyInjection;

/// <summary>The named options whose start-up validation builds each pipeline (<c>ValidateOnStart</c>), so a broken pipeline fails the start.</summary>
internal sealed class PipelineStartupCheck
{
}

/// <summary>Builds the pipeline named like the options instance and fails with every problem, each naming its configuration path.</summary>
internal sealed class PipelineStartupValidator(IServiceProvider services) : IValidateOptions<PipelineStartupCheck>
{
    public ValidateOptionsResult Validate(string? name, PipelineStartupCheck options)
    {
        if (name is null || services.GetKeyedService<IPipelineHost>(name) is not { } host)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = host.Problems;
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
