namespace Stagecraft.Cli.Commands;

/// <summary>The options most verbs share: -f FILE, -e ENV, --no-color, --verbose.</summary>
internal sealed class CommonOptions
{
    public Option<string> File { get; } = new("--file", "-f")
    {
        Description = "The project file (default: ./stagecraft.yml)",
        DefaultValueFactory = _ => "stagecraft.yml",
    };

    public Option<string?> Environment { get; } = new("--environment", "-e")
    {
        Description = "The environment (optional when the file declares exactly one)",
    };

    public Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "Plain output: no colours, no live view (also when NO_COLOR is set)",
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show stack traces of unexpected errors",
    };

    public void AddTo(Command command, bool withEnvironment = true)
    {
        command.Add(File);
        if (withEnvironment)
        {
            command.Add(Environment);
        }

        command.Add(NoColor);
        command.Add(Verbose);
    }

    public CommonSettings Read(ParseResult result) => new(
        result.GetValue(File) ?? "stagecraft.yml",
        result.GetValue(Environment),
        result.GetValue(NoColor),
        result.GetValue(Verbose));
}
