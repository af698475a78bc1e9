using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Graph;
using Stagecraft.Core.References;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.References;

public sealed class TemplateParserTests
{
    private static Template Parse(string text, out DiagnosticBag diagnostics)
    {
        diagnostics = new DiagnosticBag();
        return TemplateParser.Parse(new ConfigScalar(text, new SourceLocation("f.yml", 3, 10), Quoted: false), diagnostics);
    }

    [Theory]
    [InlineData("${var.app_port}", ReferenceKind.Variable, "app_port", null)]
    [InlineData("${environment}", ReferenceKind.Environment, "environment", null)]
    [InlineData("${project}", ReferenceKind.Project, "project", null)]
    [InlineData("${stages.common.outputs.efs_id}", ReferenceKind.StageOutput, "common", "efs_id")]
    [InlineData("${stage.dir}", ReferenceKind.StageDir, "dir", null)]
    [InlineData("${ssm:/shop/dev/common/EFSID}", ReferenceKind.Ssm, "/shop/dev/common/EFSID", null)]
    [InlineData("${secret:db_password}", ReferenceKind.Secret, "db_password", null)]
    [InlineData("${os:GIT_COMMIT}", ReferenceKind.OsEnvironment, "GIT_COMMIT", null)]
    [InlineData("${ var.app_port }", ReferenceKind.Variable, "app_port", null)]
    public void Every_reference_form_is_recognised(string text, ReferenceKind kind, string name, string? key)
    {
        var template = Parse(text, out var diagnostics);

        diagnostics.HasErrors.Should().BeFalse();
        var reference = template.References.Should().ContainSingle().Subject;
        (reference.Kind, reference.Name, reference.Key, reference.Text).Should().Be((kind, name, key, text));
    }

    [Fact]
    public void Text_is_split_into_literals_and_references()
    {
        var template = Parse("a-${var.x}-$${var.y}-${project}", out _);

        template.Segments.Should().Equal(
            new LiteralSegment("a-"),
            new ReferenceSegment(new Reference(ReferenceKind.Variable, "x", null, "${var.x}", new SourceLocation("f.yml", 3, 12))),
            new LiteralSegment("-${var.y}-"),
            new ReferenceSegment(new Reference(ReferenceKind.Project, "project", null, "${project}", new SourceLocation("f.yml", 3, 31))));
    }

    [Fact]
    public void Text_without_references_is_one_literal()
    {
        var template = Parse("costs $5", out _);

        template.IsLiteral.Should().BeTrue();
        template.LiteralText.Should().Be("costs $5");
    }

    [Fact]
    public void Reference_columns_count_from_the_text_of_plain_and_quoted_scalars()
    {
        var project = ProjectLoader.Parse("""
            project: demo
            variables: { p: 1 }
            stages:
              a:
                kind: fake
                value: x-${var.p}
                env: { A: "${var.p}", B: '${var.p}' }
                items:
                  - "${var.p}"
                  - a ${var.p} ${project}
            """, "stagecraft.yml", "/p", new TestCatalog().Catalog);

        project.FindStage("a")!.References.Select(r => $"{r.Location.Line}:{r.Location.Column} {r.Text}").Should().Equal(
            "6:14 ${var.p}", "7:16 ${var.p}", "7:31 ${var.p}", "9:10 ${var.p}", "10:11 ${var.p}", "10:20 ${project}");
    }

    [Fact]
    public void Output_references_add_edges_to_the_graph()
    {
        var project = ProjectLoader.Parse("""
            project: demo
            stages:
              common: { kind: fake }
              db: { kind: fake }
              web:
                kind: fake
                depends_on: [db]
                value: "${stages.common.outputs.url}"
                outputs: { self: "${stages.db.outputs.host}" }
            """, "stagecraft.yml", "/p", new TestCatalog().Catalog);

        var graph = StageGraph.From(project);

        graph.UpstreamOf("web").Should().Equal("db", "common");
        graph.DownstreamOf("common").Should().Equal("web");
        project.FindStage("web")!.Dependencies.Select(d => (d.Stage, d.Explicit)).Should().Equal(("db", true), ("common", false), ("db", false));
    }
}
