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

    [Theory]
    [InlineData("/shop//db_host")]
    [InlineData("/shop/db_host/")]
    [InlineData("/l1/l2/l3/l4/l5/l6/l7/l8/l9/l10/l11/l12/l13/l14/l15/l16")]
    public void An_ssm_path_the_store_would_refuse_is_refused_by_validate_with_its_location(string path)
    {
        Names.ParameterProblem(path, writing: false).Should().NotBeNull("the parameter store refuses it");
        var text = "project: demo\nstages:\n  a:\n    kind: fake\n    value: x-${ssm:" + path + "}\n";

        var parse = () => ProjectLoader.Parse(text, "stagecraft.yml", "/p", new TestCatalog().Catalog);

        var error = parse.Should().Throw<InvalidInputException>().Which;
        error.ExitCode.Should().Be(ExitCodes.InvalidInput);
        var diagnostic = error.Diagnostics.Should().ContainSingle().Subject;
        (diagnostic.Location.File, diagnostic.Location.Line, diagnostic.Location.Column).Should().Be(("stagecraft.yml", 5, 14));
        diagnostic.Message.Should().Be("invalid parameter path in '${ssm:" + path + "}': " + Names.ParameterProblem(path, writing: false));
        diagnostic.Hint.Should().Contain("${ssm:/myproject/dev/common/EFSID}").And.Contain(Names.ParameterRule);
    }

    [Fact]
    public void Reading_a_public_aws_parameter_stays_valid()
    {
        var template = Parse("${ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}", out var diagnostics);

        diagnostics.HasErrors.Should().BeFalse();
        template.References.Should().ContainSingle().Which.Kind.Should().Be(ReferenceKind.Ssm);
    }

    [Fact]
    public void A_secret_name_longer_than_the_stores_take_is_refused()
    {
        Parse("${secret:" + new string('s', 129) + "}", out var diagnostics);

        diagnostics.HasErrors.Should().BeTrue();
        diagnostics.Items.Should().ContainSingle().Which.Message.Should().StartWith("invalid secret name in");
    }
}
