namespace Stagecraft.Aws.Bootstrap;

/// <summary>One resource bootstrap looked after, and whether this run created (or, for a command it ran, changed) it.</summary>
public sealed record BootstrapItem(string What, string Name, bool Created)
{
    /// <summary>The command bootstrap ran for this item (cdk bootstrap), as it is printed; null for what it made itself.</summary>
    public string? Ran { get; init; }

    /// <summary>"created" or "exists"; for a command, "changed" or "exists" (it reported no changes).</summary>
    public string Word => !Created ? "exists" : Ran is null ? "created" : "changed";
}
