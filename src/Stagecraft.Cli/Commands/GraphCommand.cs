using Stagecraft.Core.Graph;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft graph: the dependency graph as text, Mermaid or dot.</summary>
internal sealed class GraphCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var format = new Option<string>("--format") { Description = "text, mermaid or dot", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "mermaid", "dot");
        var command = new Command("graph", "Print the dependency graph (dashed Mermaid edges come from references).");
        common.AddTo(command, withEnvironment: false);
        command.Add(format);
        command.SetAction((result, _) =>
        {
            var project = ProjectAccess.Load(cli, common.Read(result));
            var chosen = Enum.Parse<GraphFormat>(result.GetValue(format) ?? "text", ignoreCase: true);
            cli.Out.Write(GraphRenderer.Render(project, StageGraph.From(project), chosen));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
