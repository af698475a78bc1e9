namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// One versioned migration file: V&lt;version&gt;__&lt;description&gt;.sql. <see cref="Text"/> has a BOM removed
/// and CRLF turned into LF (line numbers are unchanged), and the checksum is over that text, so a
/// checkout with other line endings is not mistaken for an edited file.
/// </summary>
internal sealed record MigrationScript(MigrationVersion Version, string Description, string FileName, string DisplayPath, string Text, string Checksum);
