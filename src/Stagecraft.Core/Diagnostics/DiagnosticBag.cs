namespace Stagecraft.Core.Diagnostics;

/// <summary>Collects every problem instead of stopping at the first, so one run shows them all.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<Diagnostic> _seen = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Count > 0;

    /// <summary>Adds a problem once: a variable used in many places reports its own problem a single time.</summary>
    public void Add(SourceLocation location, string message, string? hint = null)
    {
        var diagnostic = new Diagnostic(location, message, hint);
        if (_seen.Add(diagnostic))
        {
            _items.Add(diagnostic);
        }
    }

    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            throw new InvalidInputException(
                _items.OrderBy(d => d.Location.File, StringComparer.Ordinal)
                    .ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList());
        }
    }
}
