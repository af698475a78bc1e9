namespace Stagecraft.Integration.Tests.Data;

internal sealed record CliResult(int Exit, string Out, string Error)
{
    public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
