namespace Stagecraft.Aws.Bootstrap;

/// <summary>One resource bootstrap looked after, and whether this run created it.</summary>
public sealed record BootstrapItem(string What, string Name, bool Created);
