using RetrainTriggers.Orchestration;

namespace RetrainTriggers.Tests.Orchestration.Stores;

public sealed class InMemoryRetrainStoreTests : RetrainStoreConformanceTests
{
    protected override IRetrainStore CreateStore() => new InMemoryRetrainStore(Time);

    protected override IRetrainStore Reopen(IRetrainStore store) => store;
}
