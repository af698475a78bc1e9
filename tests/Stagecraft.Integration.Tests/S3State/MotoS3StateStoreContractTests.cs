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

    /// <summary>
    /// Moto is not DynamoDB here: two concurrent PutItem calls with attribute_not_exists(lock_id)
    /// can both succeed (seen with the aws CLI: 2 of 8 won a round). DynamoDB and dynalite make
    /// them atomic; the race itself is covered against dynalite (S3StateStoreContractTests).
    /// </summary>
    protected override bool ConditionalWritesAreAtomic => false;

    protected override async Task<IStateHarness> CreateHarnessAsync() => await _moto.NewPlaceAsync();
}
