namespace Stagecraft.Core.Planning;

/// <summary>
/// The rule of 'protect: true': a protected stage is destroyed only when someone asks for it by
/// name with 'destroy --force', never because it disappeared from the file.
/// </summary>
public static class ProtectedStages
{
    /// <summary>A deploy's plan may not destroy protected stages that were removed from the file.</summary>
    public static void RefuseRemovals(Plan plan)
    {
        var removed = plan.Stages.Where(s => s.Action == StageAction.Destroy && s.Protect).Select(s => s.Name).ToList();
        if (removed.Count > 0)
        {
            throw new InvalidInputException($"protected stage(s) {string.Join(", ", removed)} were removed from the file; deploy does not destroy protected stages",
                $"destroy them explicitly with: stagecraft destroy {string.Join(" ", removed)} -e {plan.Environment} --force");
        }
    }

    /// <summary>A destroy plan that holds protected stages goes ahead only with force; otherwise nothing is destroyed.</summary>
    public static void RefuseDestroy(Plan plan, bool force)
    {
        var guarded = plan.Stages.Where(s => s.Protect).Select(s => s.Name).ToList();
        if (guarded.Count > 0 && !force)
        {
            throw new InvalidInputException($"refusing to destroy protected stage(s): {string.Join(", ", guarded)}; nothing was destroyed",
                "add --force if you really mean it, or name only unprotected stages");
        }
    }
}
