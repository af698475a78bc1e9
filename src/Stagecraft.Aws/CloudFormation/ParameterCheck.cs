namespace Stagecraft.Aws.CloudFormation;

/// <summary>
/// Checks a stage's 'parameters' against its template at validate time: unknown names, missing
/// required ones, and literal values outside AllowedValues or AllowedPattern.
/// </summary>
internal static class ParameterCheck
{
    public static void Check(StageDefinition stage, string templateText, IReadOnlyList<TemplateParameter> declared, DiagnosticBag diagnostics)
    {
        var given = stage.Settings["parameters"] as ConfigMap;
        var byName = declared.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var entry in given?.Entries ?? [])
        {
            if (!byName.TryGetValue(entry.Key, out var parameter))
            {
                diagnostics.Add(entry.KeyLocation, $"stage '{stage.Name}': template {templateText} has no parameter '{entry.Key}'",
                    DidYouMean.Hint(entry.Key, byName.Keys.ToList(), "parameters"));
                continue;
            }

            if (entry.Value is ConfigScalar scalar && !scalar.Text.Contains("${", StringComparison.Ordinal))
            {
                CheckValue(stage, parameter, scalar, diagnostics);
            }
        }

        foreach (var missing in declared.Where(p => p.Required && given?.Find(p.Name) is null))
        {
            diagnostics.Add(given?.Location ?? stage.Location, $"stage '{stage.Name}' does not give required parameter '{missing.Name}' of template {templateText}",
                $"add it under 'parameters' ({missing.Name}: …), or give it a Default in the template");
        }
    }

    private static void CheckValue(StageDefinition stage, TemplateParameter parameter, ConfigScalar scalar, DiagnosticBag diagnostics)
    {
        if (parameter.AllowedValues is { Count: > 0 } allowed && !allowed.Contains(scalar.Text, StringComparer.Ordinal))
        {
            diagnostics.Add(scalar.TextLocation, $"stage '{stage.Name}': parameter '{parameter.Name}' is '{scalar.Text}', which the template does not allow",
                $"allowed: {string.Join(", ", allowed)}");
        }
        else if (parameter.AllowedPattern is { } pattern && !Matches(pattern, scalar.Text))
        {
            diagnostics.Add(scalar.TextLocation, $"stage '{stage.Name}': parameter '{parameter.Name}' is '{scalar.Text}', which does not match the template's AllowedPattern {pattern}", "change the value to match the pattern, or the template's AllowedPattern");
        }
    }

    private static bool Matches(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true; // a pattern .NET cannot read is left to CloudFormation
        }
    }
}
