namespace Stagecraft.Core.Config;

/// <summary>
/// Checks 'only_in': every name is a declared environment, and a stage that uses another stage's
/// outputs exists only where that stage exists (an ordering-only depends_on on an absent stage is
/// fine: it is dropped in the environments the stage is absent from).
/// </summary>
internal static class OnlyInCheck
{
    public static void Check(IReadOnlyList<StageDefinition> stages, IReadOnlyList<EnvironmentDefinition> environments, DiagnosticBag diagnostics)
    {
        var declared = environments.Select(e => e.Name).ToList();
        foreach (var stage in stages.Where(s => s.OnlyIn is not null))
        {
            foreach (var name in stage.OnlyIn!.Where(n => !declared.Contains(n.Text)))
            {
                diagnostics.Add(name.TextLocation, $"'only_in' of stage '{stage.Name}' names unknown environment '{name.Text}'", DidYouMean.Hint(name.Text, declared, "environments"));
            }
        }

        var byName = stages.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var consumerIn = declared.Where(stage.ExistsIn).ToList();
            foreach (var reference in stage.References.Where(r => r.Kind == ReferenceKind.StageOutput))
            {
                if (!byName.TryGetValue(reference.Name, out var producer) || producer.OnlyIn is null)
                {
                    continue;
                }

                var missing = consumerIn.Where(e => !producer.ExistsIn(e)).ToList();
                if (missing.Count > 0)
                {
                    diagnostics.Add(reference.Location,
                        $"stage '{stage.Name}' uses '{reference.Text}', but stage '{reference.Name}' does not exist in {string.Join(", ", missing)} (its only_in: {string.Join(", ", producer.OnlyIn.Select(o => o.Text))})",
                        $"give '{stage.Name}' the same 'only_in', or order it with depends_on: [{reference.Name}] instead of using its outputs");
                }
            }
        }
    }
}
