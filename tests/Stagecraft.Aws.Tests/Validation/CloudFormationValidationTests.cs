using Stagecraft.Aws.Tests.Kinds;
using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Validation;

public sealed class CloudFormationValidationTests : IDisposable
{
    private readonly TempDirectory _project = new("stagecraft-cfn-validate");

    public CloudFormationValidationTests()
    {
        _project.Write("templates/common.yml", Templates.Storage);
    }

    public void Dispose() => _project.Dispose();

    private ProjectDefinition Load(string parameters) => ProjectLoader.Parse($$"""
        project: demo
        environments:
          dev: { target: aws, region: eu-west-2 }
        stages:
          common:
            kind: cloudformation
            template: templates/common.yml
            parameters:
        {{parameters}}
        """, "stagecraft.yml", _project.Path, StagecraftCatalog.Create());

    private IReadOnlyList<Diagnostic> Errors(string parameters)
    {
        var act = () => Load(parameters);
        return act.Should().Throw<InvalidInputException>().Which.Diagnostics;
    }

    [Fact]
    public void A_template_with_short_form_tags_loads_and_matching_parameters_pass()
    {
        var project = Load("      Prefix: imaging\n      Tier: premium");

        project.Stages.Should().ContainSingle();
    }

    [Fact]
    public void An_unknown_parameter_is_an_error_at_its_line_with_a_suggestion()
    {
        var error = Errors("      Prefix: imaging\n      Teir: premium").Single();

        error.ToString().Should().StartWith("stagecraft.yml:10:7: error: stage 'common': template templates/common.yml has no parameter 'Teir'");
        error.Hint.Should().Be("did you mean 'Tier'?");
    }

    [Fact]
    public void A_missing_required_parameter_is_an_error()
    {
        var error = Errors("      Tier: standard").Single();

        error.Message.Should().Be("stage 'common' does not give required parameter 'Prefix' of template templates/common.yml");
        error.Location.Line.Should().Be(9, "it points at the parameters");
    }

    [Fact]
    public void A_value_outside_allowed_values_is_an_error_at_the_value()
    {
        var error = Errors("      Prefix: imaging\n      Tier: gold").Single();

        error.ToString().Should().StartWith("stagecraft.yml:10:13: error: stage 'common': parameter 'Tier' is 'gold', which the template does not allow");
        error.Hint.Should().Be("allowed: standard, premium");
    }

    [Fact]
    public void A_value_with_a_reference_is_checked_when_it_resolves_not_now()
    {
        var project = Load("      Prefix: imaging\n      Tier: \"${environment}\"");

        project.Stages.Should().ContainSingle();
    }

    [Fact]
    public void A_missing_template_is_an_error_at_the_setting()
    {
        File.Delete(_project.Combine("templates/common.yml"));

        Errors("      Prefix: imaging").Single().Message.Should().Be("stage 'common': template 'templates/common.yml' does not exist");
    }

    [Fact]
    public void The_template_is_part_of_the_fingerprint()
    {
        var kind = new Stagecraft.Aws.CloudFormation.CloudFormationKind();
        var settings = new Core.References.ResolvedMap([new("template", new Core.References.ResolvedScalar("templates/common.yml", false, SourceLocation.None))], SourceLocation.None);

        kind.InputPatterns(settings, "/project").Should().Equal("templates/common.yml");
    }
}
