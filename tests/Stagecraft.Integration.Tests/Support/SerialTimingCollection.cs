namespace Stagecraft.Integration.Tests.Support;

/// <summary>Tests whose assertions compare wall-clock timings: xunit runs this collection alone, after every parallel one.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTimingCollection
{
    public const string Name = "serial timing";
}
