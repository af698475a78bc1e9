using Stagecraft.Integration.Tests.State.Contract;

namespace Stagecraft.Integration.Tests.S3State;

[Collection(LocalAwsCollection.Name)]
public sealed class S3StateStoreContractTests : StateStoreContract
{
    private readonly LocalAws _aws;

    public S3StateStoreContractTests(LocalAws aws)
    {
        _aws = aws;
    }

    protected override async Task<IStateHarness> CreateHarnessAsync() => await _aws.NewPlaceAsync();
}
