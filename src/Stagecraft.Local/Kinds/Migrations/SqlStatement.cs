namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>One statement of a script: its text (from its first token, without the ';') and the line that token is on.</summary>
internal sealed record SqlStatement(string Text, int Line);
