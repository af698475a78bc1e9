namespace Stagecraft.Aws.CloudFormation;

/// <summary>
/// 'validate' lints every cloudformation template of a project with cfn-lint, when it is on PATH: one
/// process for all templates, JSON output, findings mapped back to the template's line and column.
/// Errors fail validation; warnings and informational findings are only shown.
/// </summary>
public static class TemplateLint
{
    public const string Program = "cfn-lint";

    /// <summary>Templates named literally by cloudformation stages (a template named through a variable is resolved per environment and left out).</summary>
    public static IReadOnlyList<(string Full, string Display)> Templates(ProjectDefinition project)
    {
        var baseDirectory = Path.GetDirectoryName(project.FilePath) ?? "";
        return project.Stages
            .Where(s => s.Kind == CloudFormationKind.KindName)
            .Select(s => s.Settings[CloudFormationKind.TemplateKey])
            .OfType<ConfigScalar>()
            .Where(t => !t.Text.Contains("${", StringComparison.Ordinal))
            .Select(t => (Full: Path.GetFullPath(t.Text, project.Directory), Display: Path.IsPathRooted(t.Text) ? t.Text : Path.Combine(baseDirectory, t.Text)))
            .Where(t => File.Exists(t.Full))
            .DistinctBy(t => t.Full)
            .ToList();
    }

    public static async Task<TemplateLintReport> RunAsync(ProjectDefinition project, IProcessRunner runner, string? pathVariable, CancellationToken cancellationToken)
    {
        var templates = Templates(project);
        if (templates.Count == 0)
        {
            return new TemplateLintReport([], [], null);
        }

        var names = string.Join(", ", templates.Select(t => t.Display));
        if (ToolLocator.Find(Program, pathVariable) is not { } linter)
        {
            return new TemplateLintReport([], [], $"notice: {Program} is not on PATH: {names} not linted (install it with: pip install cfn-lint)");
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var spec = new ProcessSpec { Arguments = [linter, "--format", "json", "--", .. templates.Select(t => t.Full)], WorkingDirectory = project.Directory };
        var result = await runner.RunAsync(spec, line => (line.Stream == OutputStream.StandardOutput ? stdout : stderr).AppendLine(line.Text), cancellationToken).ConfigureAwait(false);
        JsonElement findings;
        try
        {
            findings = JsonDocument.Parse(stdout.ToString()).RootElement;
        }
        catch (JsonException)
        {
            var said = stderr.ToString().Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0) ?? "no output";
            return new TemplateLintReport([], [], $"warning: {Program} exited with code {result.ExitCode} without findings in JSON ({said.Trim()}): {names} not linted");
        }

        var displays = templates.ToDictionary(t => t.Full, t => t.Display, StringComparer.Ordinal);
        var errors = new List<Diagnostic>();
        var warnings = new List<string>();
        foreach (var finding in findings.ValueKind == JsonValueKind.Array ? findings.EnumerateArray() : [])
        {
            var file = Text(finding, "Filename");
            var display = displays.GetValueOrDefault(Path.GetFullPath(file, project.Directory), file);
            var start = finding.TryGetProperty("Location", out var location) && location.TryGetProperty("Start", out var s) ? s : default;
            var where = new SourceLocation(display, Number(start, "LineNumber"), Number(start, "ColumnNumber"));
            var rule = finding.TryGetProperty("Rule", out var r) ? r : default;
            var message = $"[{Text(rule, "Id")}] {Text(finding, "Message")}";
            var hint = Text(rule, "ShortDescription") is { Length: > 0 } shortText ? $"{Program} {Text(rule, "Id")}: {shortText}" + (Text(rule, "Source") is { Length: > 0 } source ? $" ({source})" : "") : null;
            if (Text(finding, "Level") == "Error")
            {
                errors.Add(new Diagnostic(where, message, hint));
            }
            else
            {
                warnings.Add($"{where}: {Text(finding, "Level").ToLowerInvariant()}: {message}");
            }
        }

        return new TemplateLintReport(errors, warnings, null);
    }

    private static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static int Number(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.TryGetInt32(out var number) ? number : 0;
}

/// <summary>What cfn-lint found: errors (fail validation), warnings (shown), or a notice saying what was not linted.</summary>
public sealed record TemplateLintReport(IReadOnlyList<Diagnostic> Errors, IReadOnlyList<string> Warnings, string? Notice);
