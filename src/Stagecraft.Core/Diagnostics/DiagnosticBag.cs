namespace Stagecraft.Core.Diagnostics;

/// <summary>Collects every problem instead of stopping at the first, so one run shows them all.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Count > 0;

    public void Add(SourceLocation location, string message, string? hint = null) =>
        _items.Add(new Diagnostic(location, message, hint));

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
