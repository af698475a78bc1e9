namespace Stagecraft.Cli.Commands;

/// <summary>STAGE… arguments with --include-dependencies, --include-dependents and --force STAGE.</summary>
internal sealed class SelectionOptions
{
    public Argument<string[]> Stages { get; } = new("stages")
    {
        Description = "Only these stages (default: all)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<bool> IncludeDependencies { get; } = new("--include-dependencies") { Description = "Also deploy what the named stages depend on" };

    public Option<bool> IncludeDependents { get; } = new("--include-dependents") { Description = "Also deploy what depends on the named stages" };

    public Option<string[]> Force { get; } = new("--force")
    {
        Description = "Redeploy this stage even if nothing changed (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.OneOrMore,
    };

    public void AddTo(Command command)
    {
        command.Add(Stages);
        command.Add(IncludeDependencies);
        command.Add(IncludeDependents);
        command.Add(Force);
    }

    public PlanOptions Read(ParseResult result) => new()
    {
        Targets = result.GetValue(Stages) ?? [],
        IncludeDependencies = result.GetValue(IncludeDependencies),
        IncludeDependents = result.GetValue(IncludeDependents),
        Force = result.GetValue(Force) ?? [],
    };
}
