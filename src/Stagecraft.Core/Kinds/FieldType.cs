namespace Stagecraft.Core.Kinds;

/// <summary>The shape a kind expects for one of its settings.</summary>
public enum FieldType
{
    /// <summary>A scalar; references allowed.</summary>
    String,
    Integer,
    Boolean,
    /// <summary>"500ms", "2s", "5m", "1h", "1m30s".</summary>
    Duration,
    /// <summary>A scalar naming a file or directory inside the project.</summary>
    Path,
    /// <summary>A non-empty list of scalars run as a program and its arguments (never through a shell).</summary>
    Argv,
    /// <summary>A list of scalars.</summary>
    StringList,
    /// <summary>A mapping of names to scalars (environment variables, parameters).</summary>
    StringMap,
    /// <summary>A mapping with its own schema (<see cref="FieldSpec.Nested"/>).</summary>
    Object,
    /// <summary>Anything: scalars, lists and mappings, passed through as written.</summary>
    Any,
}
