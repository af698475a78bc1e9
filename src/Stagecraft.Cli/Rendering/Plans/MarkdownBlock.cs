namespace Stagecraft.Cli.Rendering.Plans;

/// <summary>A piece of a markdown document the comment splitter may only cut where the piece allows.</summary>
internal abstract record MarkdownBlock;

/// <summary>A paragraph or heading: never cut.</summary>
internal sealed record TextBlock(string Text) : MarkdownBlock;

/// <summary>A pipe table: cut only between rows, and every part repeats the header.</summary>
internal sealed record TableBlock(string Header, IReadOnlyList<string> Rows) : MarkdownBlock;

/// <summary>A folded code block (&lt;details&gt;): cut only between lines, each part folded and fenced on its own.</summary>
internal sealed record FoldedCodeBlock(string Summary, IReadOnlyList<string> Lines) : MarkdownBlock;
