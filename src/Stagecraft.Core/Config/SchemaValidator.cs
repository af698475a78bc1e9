namespace Stagecraft.Core.Config;

/// <summary>Checks settings against a kind's schema: unknown keys, required keys, shapes, and literal values.</summary>
internal static class SchemaValidator
{
    /// <param name="ownerLocation">Where the owner is named; a missing required setting is reported there.</param>
    public static void Validate(ConfigMap settings, KindSchema schema, string owner, IReadOnlyCollection<string> alsoAllowed, DiagnosticBag diagnostics, SourceLocation? ownerLocation = null)
    {
        if (!schema.AllowUnknownKeys)
        {
            var allowed = schema.Fields.Select(f => f.Name).Concat(alsoAllowed).ToList();
            new MapReader(settings, owner, diagnostics).RejectUnknownKeys(allowed);
        }

        foreach (var field in schema.Fields)
        {
            var entry = settings.Find(field.Name);
            if (entry is null || entry.Value is ConfigScalar { IsNull: true })
            {
                if (field.Required)
                {
                    diagnostics.Add(entry?.KeyLocation ?? ownerLocation ?? settings.Location, $"{owner} is missing required setting '{field.Name}'", $"{field.Name}: {field.Help}");
                }

                continue;
            }

            CheckValue(entry, field, $"'{field.Name}' in {owner}", diagnostics);
        }
    }

    private static void CheckValue(ConfigEntry entry, FieldSpec field, string what, DiagnosticBag diagnostics)
    {
        var value = entry.Value;
        switch (field.Type)
        {
            case FieldType.String:
            case FieldType.Path:
            case FieldType.Integer:
            case FieldType.Boolean:
            case FieldType.Duration:
                if (value is not ConfigScalar scalar)
                {
                    diagnostics.Add(value.Location, $"{what} must be a single value, not {value.Describe()}", field.Help);
                    return;
                }

                CheckLiteral(scalar, field, what, diagnostics);
                return;
            case FieldType.Argv:
                if (value is ConfigScalar argvText)
                {
                    var words = argvText.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => $"\"{w}\"");
                    diagnostics.Add(value.Location, $"{what} must be a list of program and arguments, not a command string",
                        $"commands never go through a shell; write [{string.Join(", ", words)}]");
                    return;
                }

                if (value is ConfigList { Items.Count: 0 })
                {
                    diagnostics.Add(value.Location, $"{what} is empty", "give at least the program to run");
                    return;
                }

                CheckScalarList(value, what, field.Help, diagnostics);
                return;
            case FieldType.StringList:
                CheckScalarList(value, what, field.Help, diagnostics);
                return;
            case FieldType.StringMap:
                if (value is not ConfigMap map)
                {
                    diagnostics.Add(value.Location, $"{what} must be a mapping of names to values, not {value.Describe()}", $"write one 'NAME: value' per line under it; {field.Help}");
                    return;
                }

                foreach (var item in map.Entries.Where(e => e.Value is not ConfigScalar))
                {
                    diagnostics.Add(item.Value.Location, $"'{item.Key}' under {what} must be a single value, not {item.Value.Describe()}", $"write it as '{item.Key}: value'");
                }

                return;
            case FieldType.Object:
                if (value is not ConfigMap nested)
                {
                    diagnostics.Add(value.Location, $"{what} must be a mapping, not {value.Describe()}", field.Help);
                    return;
                }

                Validate(nested, field.Nested ?? new KindSchema(), what, [], diagnostics, entry.KeyLocation);
                return;
            default:
                return;
        }
    }

    private static void CheckScalarList(ConfigNode value, string what, string help, DiagnosticBag diagnostics)
    {
        if (value is not ConfigList list)
        {
            diagnostics.Add(value.Location, $"{what} must be a list, not {value.Describe()}", $"write it as [a, b] or as lines starting with '- '; {help}");
            return;
        }

        foreach (var item in list.Items.Where(i => i is not ConfigScalar || ((ConfigScalar)i).IsNull))
        {
            diagnostics.Add(item.Location, $"every item of {what} must be a single value, not {item.Describe()}", help);
        }
    }

    private static void CheckLiteral(ConfigScalar scalar, FieldSpec field, string what, DiagnosticBag diagnostics)
    {
        if (scalar.Text.Contains("${", StringComparison.Ordinal))
        {
            return; // checked after references resolve
        }

        var ok = field.Type switch
        {
            FieldType.Integer => int.TryParse(scalar.Text, out _),
            FieldType.Boolean => BooleanText.TryParse(scalar.Text) is not null,
            FieldType.Duration => DurationText.TryParse(scalar.Text) is not null,
            _ => true,
        };
        if (!ok)
        {
            var expected = field.Type switch
            {
                FieldType.Integer => "a whole number",
                FieldType.Boolean => "true or false",
                _ => "a duration such as 500ms, 30s, 5m or 1h",
            };
            diagnostics.Add(scalar.TextLocation, $"{what} must be {expected}, not '{scalar.Text}'", field.Help);
        }
        else if (field.Allowed is { } allowed && !allowed.Contains(scalar.Text))
        {
            diagnostics.Add(scalar.TextLocation, $"{what} must be one of {string.Join(", ", allowed)}, not '{scalar.Text}'", DidYouMean.Hint(scalar.Text, allowed, "values"));
        }
    }
}
