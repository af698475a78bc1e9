namespace Stagecraft.Core.References;

/// <summary>A scalar split into literal text and references, parsed once and reused.</summary>
public sealed record Template(ConfigScalar Source, IReadOnlyList<TemplateSegment> Segments)
{
    public bool IsLiteral => Segments.All(s => s is LiteralSegment);

    public IEnumerable<Reference> References => Segments.OfType<ReferenceSegment>().Select(s => s.Reference);

    /// <summary>The literal value when the template has no references.</summary>
    public string LiteralText => string.Concat(Segments.OfType<LiteralSegment>().Select(s => s.Text));
}
