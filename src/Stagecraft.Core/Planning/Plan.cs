namespace Stagecraft.Core.Planning;

/// <summary>What a deploy would do: every selected stage in dependency order, destroys last.</summary>
public sealed record Plan(string Project, string Environment, IReadOnlyList<PlannedStage> Stages, bool Targeted)
{
    public bool HasChanges => Stages.Any(s => s.IsChange);

    public int Count(StageAction action) => Stages.Count(s => s.Action == action);

    public PlannedStage? Find(string name) => Stages.FirstOrDefault(s => s.Name == name);
}
