using Stagecraft.Core.Config;
using Stagecraft.Core.Graph;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Graph;

public sealed class GraphRendererTests
{
    private static readonly ProjectDefinition Project = ProjectLoader.Parse("""
        project: demo
        stages:
          db: { kind: fake }
          api: { kind: fake, depends_on: [db] }
          web: { kind: capped, value: "${stages.api.outputs.url}" }
          docs: { kind: fake }
        """, "stagecraft.yml", "/p", new TestCatalog().Catalog);

    private static string Render(GraphFormat format) => GraphRenderer.Render(Project, StageGraph.From(Project), format);

    [Fact]
    public void Text_lists_stages_in_dependency_order_indented_by_depth()
    {
        Render(GraphFormat.Text).Should().Be("""
            db (fake)
              api (fake)  <- db
                web (capped)  <- api
            docs (fake)

            """);
    }

    [Fact]
    public void Mermaid_draws_explicit_edges_solid_and_reference_edges_dotted()
    {
        Render(GraphFormat.Mermaid).Should().Be("""
            graph TD
              s0["db<br/><small>fake</small>"]
              s1["api<br/><small>fake</small>"]
              s2["web<br/><small>capped</small>"]
              s3["docs<br/><small>fake</small>"]
              s0 --> s1
              s1 -.-> s2

            """);
    }

    [Fact]
    public void Dot_is_a_left_to_right_digraph_named_after_the_project()
    {
        Render(GraphFormat.Dot).Should().Be("""
            digraph "demo" {
              rankdir=LR;
              "db" [label="db\nfake"];
              "api" [label="api\nfake"];
              "web" [label="web\ncapped"];
              "docs" [label="docs\nfake"];
              "db" -> "api";
              "api" -> "web";
            }

            """);
    }
}
