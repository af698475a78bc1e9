namespace Stagecraft.Core.Secrets;

/// <summary>What may be shown about a secret: its name and who set it when.</summary>
public sealed record SecretInfo(string Name, DateTimeOffset UpdatedAt, string UpdatedBy);
