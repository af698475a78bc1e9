using Stagecraft.Aws.Tests.Support;
using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>examples/imaging-platform, copied, with its development environment pointed at moto: validate, plan, and the Cognito stack deployed (not deployed here: common, whose NAT, EFS and RDS resources this test does not try on moto, and what depends on it; the pins need DockerHub).</summary>
public sealed class ImagingPlatformMotoTests : IClassFixture<MotoFixture>, IDisposable
{
    private readonly MotoServer _moto;
    private readonly MotoProject _project;

    public ImagingPlatformMotoTests(MotoFixture moto)
    {
        _moto = moto;
        _project = new MotoProject(moto, ExampleProject.Folder("imaging-platform"));
        var file = Path.Combine(_project.Path, "stagecraft.yml");
        const string Development = "  development:\n    target: aws\n    region: eu-west-2\n";
        var text = File.ReadAllText(file);
        text.Should().Contain(Development);
        File.WriteAllText(file, text.Replace(Development, Development + $"    endpoint_url: {moto.EndpointUrl}\n", StringComparison.Ordinal));
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Validates_plans_against_moto_and_deploys_the_cognito_stack()
    {
        await _moto.AwsAsync("ssm", "put-parameter", "--name", "/stagecraft/imaging-platform/development/secrets/DB_PASSWORD", "--type", "SecureString", "--value", "correct-horse-battery", "--overwrite");

        var validate = await _project.SucceedsAsync("validate", "-e", "development", "--no-lint");
        validate.Output.Should().Contain("12 stage(s)");

        var plan = await _project.SucceedsAsync("plan", "-e", "development");
        plan.Output.Should().MatchRegex(@"common\s+cloudformation\s+create").And.MatchRegex(@"batch-ami\s+ami\s+create").And.NotContain("approve-initdb");
        plan.Output.Should().NotContain("correct-horse-battery");

        var deploy = await _project.RunAsync("deploy", "cognito", "-e", "development", "--yes");
        deploy.ExitCode.Should().Be(0, deploy.ToString());
        // moto's CloudFormation completes the stack; it does not create Cognito resources from templates.
        var stack = (await _moto.AwsAsync("cloudformation", "describe-stacks", "--stack-name", "imaging-platform-development-cognito"))!.Value.GetProperty("Stacks")[0];
        stack.GetProperty("StackStatus").GetString().Should().Be("CREATE_COMPLETE");
    }
}
