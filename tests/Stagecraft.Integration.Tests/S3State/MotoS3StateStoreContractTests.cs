using Stagecraft.Integration.Tests.State.Contract;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>
/// The state store contract on the s3 backend against moto's S3 and DynamoDB: a third
/// implementation of those APIs beside s3rver and dynalite. In the s3rver collection so the
/// credentials s3rver needs are set before moto starts (moto takes any).
/// </summary>
[Collection(LocalAwsCollection.Name)]
public sealed class MotoS3StateStoreContractTests : StateStoreContract, IClassFixture<MotoStores>
{
    private readonly MotoStores _moto;

    public MotoS3StateStoreContractTests(MotoStores moto)
    {
        _moto = moto;
    }

    protected override async Task<IStateHarness> CreateHarnessAsync() => await _moto.NewPlaceAsync();
}
