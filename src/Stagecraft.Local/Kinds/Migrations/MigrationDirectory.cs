using System.Text.RegularExpressions;

namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// Reads the migration files of a directory (not its subdirectories). Every .sql file must be a
/// versioned migration: a misnamed one is an error rather than a file silently never applied.
/// </summary>
internal static partial class MigrationDirectory
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<MigrationScript> Load(string directory, string projectDirectory)
    {
        var display = Display(directory, projectDirectory);
        if (!Directory.Exists(directory))
        {
            throw new StageFailedException($"the migrations directory {display} does not exist",
                hint: "create it with files named V<version>__<description>.sql, or set 'directory'");
        }

        var scripts = new List<MigrationScript>();
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = FileName().Match(name);
            var version = match.Success ? MigrationVersion.TryParse(match.Groups["version"].Value) : null;
            if (version is null)
            {
                problems.Add($"{Display(path, projectDirectory)} is not named V<version>__<description>.sql (e.g. V2__add_users.sql)");
                continue;
            }

            scripts.Add(Read(path, name, version, match.Groups["description"].Value.Replace('_', ' '), projectDirectory));
        }

        foreach (var duplicate in scripts.GroupBy(s => s.Version).Where(g => g.Count() > 1))
        {
            problems.Add($"version {duplicate.Key} is used by more than one file: {string.Join(", ", duplicate.Select(s => s.DisplayPath))}");
        }

        if (problems.Count > 0)
        {
            throw new StageFailedException(problems[0], problems.Skip(1).ToList(), "every .sql file in the migrations directory must be a uniquely versioned migration");
        }

        return scripts.OrderBy(s => s.Version).ToList();
    }

    public static string Display(string path, string projectDirectory) =>
        Core.Paths.ProjectPaths.IsInside(projectDirectory, path) ? Path.GetRelativePath(projectDirectory, path) : path;

    private static MigrationScript Read(string path, string name, MigrationVersion version, string description, string projectDirectory)
    {
        string text;
        try
        {
            var bytes = File.ReadAllBytes(path);
            var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            throw new StageFailedException($"{Display(path, projectDirectory)} is not valid UTF-8", hint: "save the migration as UTF-8");
        }

        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new MigrationScript(version, description, name, Display(path, projectDirectory), text, checksum);
    }

    [GeneratedRegex("^V(?<version>[0-9]+(?:[._][0-9]+)*)__(?<description>.+)\\.sql$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();
}
