namespace Stagecraft.Core.References;

/// <summary>A piece of a templated string: literal text or a reference.</summary>
public abstract record TemplateSegment;

public sealed record LiteralSegment(string Text) : TemplateSegment;

public sealed record ReferenceSegment(Reference Reference) : TemplateSegment;
