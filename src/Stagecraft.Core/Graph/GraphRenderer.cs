namespace Stagecraft.Core.Graph;

/// <summary>Writes the dependency graph as text, Mermaid or Graphviz dot. Arrows go from a stage to what consumes it.</summary>
public static class GraphRenderer
{
    public static string Render(ProjectDefinition project, StageGraph graph, GraphFormat format) => format switch
    {
        GraphFormat.Mermaid => Mermaid(project, graph),
        GraphFormat.Dot => Dot(project, graph),
        _ => Text(project, graph),
    };

    private static string Text(ProjectDefinition project, StageGraph graph)
    {
        var text = new StringBuilder();
        var depth = graph.Depths();
        foreach (var i in graph.TopologicalOrder())
        {
            var stage = project.Stages[i];
            var upstream = graph.UpstreamOf(i).Select(u => graph.Names[u]).ToList();
            text.Append(new string(' ', (depth[i] - 1) * 2)).Append(stage.Name).Append(" (").Append(stage.Kind).Append(OnlyIn(stage)).Append(')');
            if (upstream.Count > 0)
            {
                text.Append("  <- ").Append(string.Join(", ", upstream));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Mermaid(ProjectDefinition project, StageGraph graph)
    {
        var text = new StringBuilder("graph TD\n");
        foreach (var i in graph.TopologicalOrder())
        {
            text.Append("  ").Append(Id(i)).Append("[\"").Append(graph.Names[i]).Append("<br/><small>").Append(project.Stages[i].Kind).Append(OnlyIn(project.Stages[i])).AppendLine("</small>\"]");
        }

        foreach (var i in graph.TopologicalOrder())
        {
            foreach (var u in graph.UpstreamOf(i))
            {
                var stage = project.Stages[i];
                var implied = !stage.Dependencies.Any(d => d.Explicit && d.Stage == graph.Names[u]);
                text.Append("  ").Append(Id(u)).Append(implied ? " -.-> " : " --> ").AppendLine(Id(i));
            }
        }

        return text.ToString();
    }

    private static string Dot(ProjectDefinition project, StageGraph graph)
    {
        var text = new StringBuilder("digraph \"").Append(project.Name).AppendLine("\" {").AppendLine("  rankdir=LR;");
        foreach (var i in graph.TopologicalOrder())
        {
            text.Append("  \"").Append(graph.Names[i]).Append("\" [label=\"").Append(graph.Names[i]).Append("\\n").Append(project.Stages[i].Kind).Append(OnlyIn(project.Stages[i])).AppendLine("\"];");
        }

        foreach (var i in graph.TopologicalOrder())
        {
            foreach (var u in graph.UpstreamOf(i))
            {
                text.Append("  \"").Append(graph.Names[u]).Append("\" -> \"").Append(graph.Names[i]).AppendLine("\";");
            }
        }

        return text.Append("}\n").ToString();
    }

    private static string OnlyIn(StageDefinition stage) =>
        stage.OnlyIn is null ? "" : ", only in " + string.Join(", ", stage.OnlyIn.Select(e => e.Text));

    // Mermaid ids are kept to plain identifiers; the label carries the real name.
    private static string Id(int index) => "s" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
