using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.References;

namespace Stagecraft.Core.Tests.References;

/// <summary>An environment's region and profile: ${os:NAME} only, expanded from the process environment.</summary>
public sealed class OsOnlySettingTests
{
    private static readonly SourceLocation Where = new("stagecraft.yml", 5, 13);

    [Fact]
    public void Expands_os_references_and_keeps_literal_text()
    {
        var diagnostics = new DiagnosticBag();

        var value = OsOnlySetting.Expand(new ConfigScalar("${os:AWS_REGION}", Where, true), "an environment's region", name => name == "AWS_REGION" ? "eu-west-2" : null, diagnostics);

        value.Should().Be("eu-west-2");
        diagnostics.HasErrors.Should().BeFalse();
    }

    [Fact]
    public void An_unset_variable_is_an_error_at_its_column_unless_the_setting_is_optional()
    {
        var required = new DiagnosticBag();
        var optional = new DiagnosticBag();

        OsOnlySetting.Expand(new ConfigScalar("${os:AWS_REGION}", Where, true), "an environment's region", _ => null, required);
        var profile = OsOnlySetting.Expand(new ConfigScalar("${os:AWS_PROFILE}", Where, true), "an environment's profile", _ => null, optional, optional: true);

        required.Items.Should().ContainSingle().Which.Message.Should().Contain("environment variable 'AWS_REGION'");
        required.Items[0].Location.ToString().Should().Be("stagecraft.yml:5:14", "the reference starts after the opening quote");
        optional.HasErrors.Should().BeFalse();
        profile.Should().BeEmpty();
    }

    [Fact]
    public void Other_references_are_refused_even_when_only_validating()
    {
        var diagnostics = new DiagnosticBag();

        OsOnlySetting.Expand(new ConfigScalar("${var.region}", Where, true), "an environment's region", null, diagnostics);

        diagnostics.Items.Should().ContainSingle().Which.Message.Should().Be("'${var.region}' cannot be used in an environment's region");
    }

    [Fact]
    public void Region_and_account_parse_as_references()
    {
        var diagnostics = new DiagnosticBag();

        var template = TemplateParser.Parse(new ConfigScalar("arn:aws:s3:${region}:${account}:x", Where, true), diagnostics);

        diagnostics.HasErrors.Should().BeFalse();
        template.References.Select(r => r.Id).Should().Equal("region", "account");
    }
}
