namespace Stagecraft.Integration.Tests.Support;

/// <summary>Test classes in this collection share one <see cref="PostgresServer"/>, started once per run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
