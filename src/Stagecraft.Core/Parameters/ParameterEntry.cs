namespace Stagecraft.Core.Parameters;

/// <summary>A parameter as a listing shows it.</summary>
public sealed record ParameterEntry(string Name, string Value, bool Secure, DateTimeOffset? UpdatedAt);
