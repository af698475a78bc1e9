namespace Stagecraft.Cli.Commands;

internal sealed record CommonSettings(string File, string? Environment, bool NoColor, bool Verbose);
