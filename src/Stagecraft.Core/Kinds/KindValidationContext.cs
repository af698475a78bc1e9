namespace Stagecraft.Core.Kinds;

/// <summary>Offline checks a kind adds at validate time (e.g. template parameters against the template).</summary>
public sealed record KindValidationContext(ProjectDefinition Project, DiagnosticBag Diagnostics);
