namespace Stagecraft.Integration.Tests.S3State;

/// <summary>Every test class that talks to s3rver and dynalite shares one pair of servers.</summary>
[CollectionDefinition(Name)]
public sealed class LocalAwsCollection : ICollectionFixture<LocalAws>
{
    public const string Name = "local aws";
}
