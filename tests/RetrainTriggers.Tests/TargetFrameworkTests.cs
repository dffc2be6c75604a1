using System.Reflection;
using System.Runtime.Versioning;

namespace RetrainTriggers.Tests;

/// <summary>The tests run once per target framework of the core, each on that framework's own runtime.</summary>
public sealed class TargetFrameworkTests
{
    [Fact]
    public void Runtime_IsTheVersionTheTestsAndTheCoreWereBuiltFor()
    {
        var tests = TargetVersion(typeof(TargetFrameworkTests).Assembly);
        var core = TargetVersion(typeof(Trigger).Assembly);

        core.Should().Be(tests, "the tests of each framework load the core built for that framework");
        Environment.Version.Major.Should().Be(tests.Major, "a .NET {0} test run must not roll forward to a newer runtime", tests);
    }

    private static Version TargetVersion(Assembly assembly) =>
        new FrameworkName(assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName).Version;
}
