using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Stagecraft.Core.Config;

/// <summary>
/// YamlDotNet's parser in a harness: some malformed inputs make it fail with an internal exception
/// (an InvalidOperationException for a flow list left open before a less indented line) instead of a
/// <see cref="YamlException"/>. Every such failure becomes a diagnostic at the place the scanner
/// stopped, naming the innermost '[' or '{' still open when there is one. The parser's own syntax
/// errors pass through unchanged for the reader to word.
/// </summary>
internal sealed class GuardedYamlParser : IParser
{
    private readonly Scanner _scanner;
    private readonly Parser _parser;
    private readonly string _file;

    // Every collection still open, innermost last: tells which '[' or '{' a failure left unclosed.
    private readonly Stack<(bool Flow, Mark Start)> _open = new();

    public GuardedYamlParser(string text, string file)
    {
        _scanner = new Scanner(new StringReader(text));
        _parser = new Parser(_scanner);
        _file = file;
    }

    public ParsingEvent? Current => _parser.Current;

    /// <summary>Where the scanner stands: the place to report when no event says better.</summary>
    public SourceLocation Position => ToLocation(_scanner.CurrentPosition);

    public bool MoveNext()
    {
        bool moved;
        try
        {
            moved = _parser.MoveNext();
        }
        catch (YamlException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw Unreadable();
        }

        Track(_parser.Current);
        return moved;
    }

    public SourceLocation ToLocation(Mark mark) => new(_file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private InvalidInputException Unreadable()
    {
        var flow = _open.FirstOrDefault(o => o.Flow);
        if (flow.Flow)
        {
            return new InvalidInputException([new Diagnostic(ToLocation(flow.Start),
                $"YAML syntax error: this list or mapping is not closed (the file cannot be read past line {Position.Line})",
                "close it with ']' or '}' on the same line; when it spans lines, indent every following line deeper than the key it belongs to")]);
        }

        return new InvalidInputException([new Diagnostic(Position,
            "YAML syntax error: the file cannot be read past this point",
            "check indentation, quoting and that every '[' and '{' is closed")]);
    }

    private void Track(ParsingEvent? current)
    {
        switch (current)
        {
            case SequenceStart sequence:
                _open.Push((sequence.Style == SequenceStyle.Flow, sequence.Start));
                break;
            case MappingStart mapping:
                _open.Push((mapping.Style == MappingStyle.Flow, mapping.Start));
                break;
            case SequenceEnd or MappingEnd when _open.Count > 0:
                _open.Pop();
                break;
        }
    }
}
