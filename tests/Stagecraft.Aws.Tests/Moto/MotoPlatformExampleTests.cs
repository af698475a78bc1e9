using System.Text.Json;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>
/// examples/moto-platform as its README runs it, copied out of the repository, against a moto of
/// its own: deploy, deploy again with nothing to do, change one variable (only the stages it
/// reaches run), destroy.
/// </summary>
public sealed class MotoPlatformExampleTests : IClassFixture<MotoFixture>, IDisposable
{
    private readonly MotoServer _moto;
    private readonly MotoProject _project;

    public MotoPlatformExampleTests(MotoFixture moto)
    {
        _moto = moto;
        _project = new MotoProject(moto, ExampleProject.Folder("moto-platform"));
        var file = Path.Combine(_project.Path, "stagecraft.yml");
        var text = File.ReadAllText(file);
        text.Should().Contain("endpoint_url: http://127.0.0.1:5000", "the README starts moto on port 5000");
        File.WriteAllText(file, text.Replace("http://127.0.0.1:5000", moto.EndpointUrl, StringComparison.Ordinal));
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Deploys_does_nothing_when_unchanged_runs_only_what_a_variable_reaches_and_destroys()
    {
        var deploy = await _project.SucceedsAsync("deploy", "-e", "moto", "--yes");
        deploy.Output.Should().MatchRegex(@"Plan: 4 to create");
        deploy.Output.Should().NotContain("change-me", "the session key is secure and masked");

        var stack = (await _moto.AwsAsync("cloudformation", "describe-stacks", "--stack-name", "moto-platform-moto-storage"))!.Value.GetProperty("Stacks")[0];
        stack.GetProperty("StackStatus").GetString().Should().Be("CREATE_COMPLETE");
        var images = (await _moto.AwsAsync("ec2", "describe-images", "--owners", "self"))!.Value.GetProperty("Images").EnumerateArray().ToList();
        images.Should().ContainSingle();
        var settings = await ParametersAsync("/moto-platform/moto/worker/");
        settings["image_id"].Should().Be(images[0].GetProperty("ImageId").GetString());
        settings["jobs_stack"].Should().Be("moto-platform-moto-storage");
        settings["greeting"].Should().Be("hello");
        var secret = (await _moto.AwsAsync("ssm", "get-parameter", "--name", "/moto-platform/moto/secrets/session_key"))!.Value.GetProperty("Parameter");
        secret.GetProperty("Type").GetString().Should().Be("SecureString");

        var again = await _project.SucceedsAsync("deploy", "-e", "moto", "--yes");
        again.Output.Should().Contain("No changes", again.ToString());

        var file = Path.Combine(_project.Path, "stagecraft.yml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("greeting: hello", "greeting: bonjour", StringComparison.Ordinal));
        var plan = await _project.SucceedsAsync("plan", "-e", "moto");
        plan.Output.Should().MatchRegex(@"settings\s+parameters\s+update").And.MatchRegex(@"storage\s+cloudformation\s+no-change")
            .And.MatchRegex(@"worker-ami\s+ami\s+no-change").And.MatchRegex(@"secrets\s+parameters\s+no-change");
        var update = await _project.SucceedsAsync("deploy", "-e", "moto", "--yes");
        update.Output.Should().Contain("1 to update");
        (await ParametersAsync("/moto-platform/moto/worker/"))["greeting"].Should().Be("bonjour");
        (await _moto.AwsAsync("ec2", "describe-images", "--owners", "self"))!.Value.GetProperty("Images").GetArrayLength().Should().Be(1, "the image was not built again");

        await _project.SucceedsAsync("destroy", "-e", "moto", "--yes");

        (await _moto.AwsAsync("ec2", "describe-images", "--owners", "self"))!.Value.GetProperty("Images").GetArrayLength().Should().Be(0);
        (await ParametersAsync("/moto-platform/moto/")).Should().BeEmpty();
        var stacks = (await _moto.AwsAsync("cloudformation", "list-stacks"))!.Value.GetProperty("StackSummaries").EnumerateArray()
            .Where(s => s.GetProperty("StackName").GetString() == "moto-platform-moto-storage").Select(s => s.GetProperty("StackStatus").GetString());
        stacks.Should().OnlyContain(s => s == "DELETE_COMPLETE");
    }

    private async Task<Dictionary<string, string?>> ParametersAsync(string path)
    {
        var found = await _moto.AwsAsync("ssm", "get-parameters-by-path", "--path", path, "--recursive", "--with-decryption");
        return found!.Value.GetProperty("Parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("Name").GetString()![path.Length..], p => p.GetProperty("Value").GetString());
    }
}
