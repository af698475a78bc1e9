namespace Stagecraft.Host.Processes;

/// <summary>One line a child printed, without its line ending.</summary>
public readonly record struct ProcessLine(OutputStream Stream, string Text);
