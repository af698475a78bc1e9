namespace Stagecraft.Cli.Commands;

/// <summary>A parameter as --json shows it: secure values masked unless asked for.</summary>
internal sealed record ParameterJson(string Name, string Value, bool Secure, DateTimeOffset UpdatedAt)
{
    public static ParameterJson From(Parameter parameter, bool decrypt) =>
        new(parameter.Name, decrypt ? parameter.Value : parameter.Display, parameter.Secure, parameter.UpdatedAt);
}
