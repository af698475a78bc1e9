namespace Stagecraft.Core.Parameters;

/// <summary>One parameter's value; <see cref="Secure"/> when it is stored encrypted.</summary>
public sealed record ParameterValue(string Value, bool Secure);
