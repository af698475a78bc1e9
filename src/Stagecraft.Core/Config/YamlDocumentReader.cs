using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Stagecraft.Core.Config;

/// <summary>
/// Reads one YAML document into <see cref="ConfigNode"/>s with positions. Parsing the event
/// stream ourselves (instead of a deserializer) keeps a location on every value and lets us
/// reject duplicate keys, which YAML libraries tend to resolve silently. Every way the parser can
/// fail, and every bound in <see cref="YamlLimits"/>, ends as an <see cref="InvalidInputException"/>.
/// </summary>
public static class YamlDocumentReader
{
    public static ConfigNode Read(string text, string fileName)
    {
        if (text.Length > YamlLimits.MaxCharacters)
        {
            throw new InvalidInputException([new Diagnostic(new SourceLocation(fileName, 1, 1),
                $"the project file is {text.Length / 1024 / 1024} MiB; the limit is {YamlLimits.MaxCharacters / 1024 / 1024} MiB",
                "keep the project file to its stages and settings; put large data in files that stages read")]);
        }

        var parser = new GuardedYamlParser(text, fileName);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return ConfigMap.Empty(new SourceLocation(fileName, 1, 1));
            }

            parser.Consume<DocumentStart>();
            var root = new NodeReader(parser).Read(depth: 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                throw new InvalidInputException([new Diagnostic(At(parser),
                    "the file holds more than one YAML document", "keep one document per project file (remove the '---' separator)")]);
            }

            return root;
        }
        catch (YamlException ex)
        {
            // YamlDotNet reports a tab used for indentation at the start of the enclosing mapping; point at the tab itself.
            if (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FindIndentingTab(text, (int)ex.Start.Line) is { } tab)
            {
                throw new InvalidInputException([new Diagnostic(new SourceLocation(fileName, tab.Line, tab.Column),
                    "YAML syntax error: a tab is used for indentation", "indent with spaces: YAML does not allow tabs there")]);
            }

            throw new InvalidInputException([new Diagnostic(parser.ToLocation(ex.Start),
                "YAML syntax error: " + CleanMessage(ex), "check indentation, quoting and that every ':' is followed by a space")]);
        }
    }

    /// <summary>Where the current event starts, or where the scanner stopped when there is none.</summary>
    internal static SourceLocation At(GuardedYamlParser parser) =>
        parser.Current is { } current ? parser.ToLocation(current.Start) : parser.Position;

    private static (int Line, int Column)? FindIndentingTab(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var content = lines[i].TrimStart(' ', '\t');
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }

            var indent = lines[i].Length - content.Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (…): "; we show the location ourselves.
        var message = ex.Message;
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }
}
