using Stagecraft.Core.Kinds;

namespace Stagecraft.TestSupport;

/// <summary>A catalog of scripted kinds, test targets and an in-memory state backend, for Core tests.</summary>
public sealed class TestCatalog
{
    public TestCatalog()
    {
        Catalog = new Catalog()
            .Add(Fake)
            .Add(Capped)
            .Add(AwsOnly)
            .Add(Local)
            .Add(Aws)
            .Add(Backend);
    }

    public ScriptedKind Fake { get; } = new("fake");

    /// <summary>At most one of these runs at a time.</summary>
    public ScriptedKind Capped { get; } = new("capped", maxConcurrency: 1);

    public ScriptedKind AwsOnly { get; } = new("cloudy", targets: ["aws"]);

    public TestTarget Local { get; } = new("local");

    public TestTarget Aws { get; } = new("aws", new KindSchema(new FieldSpec("region", FieldType.String, "an AWS region", Required: true), new FieldSpec("profile", FieldType.String, "a profile")));

    public InMemoryBackend Backend { get; } = new();

    public Catalog Catalog { get; }
}
