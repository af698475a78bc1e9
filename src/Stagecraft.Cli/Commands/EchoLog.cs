using Stagecraft.Core.Kinds;

namespace Stagecraft.Cli.Commands;

/// <summary>A stage log that also prints each line, prefixed with the stage, for verbs that run one stage outside the engine.</summary>
internal sealed class EchoLog(IStageLog inner, TextWriter output, string stage, Func<string, string> mask) : IStageLog
{
    public string FilePath => inner.FilePath;

    public void Line(string text)
    {
        inner.Line(text);
        output.WriteLine($"{stage}: {mask(text)}");
    }

    public void Status(string text) => inner.Status(text);

    public IReadOnlyList<string> Tail(int count) => inner.Tail(count);
}
