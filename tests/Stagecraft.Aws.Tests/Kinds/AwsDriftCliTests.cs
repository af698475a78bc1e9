using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Parameters;

namespace Stagecraft.Aws.Tests.Kinds;

/// <summary>
/// 'drift' and 'deploy --refresh' through the CLI against the doubles: a stack, an image and a parameter
/// deleted out of band are reported (exit 10) and made again.
/// </summary>
public sealed class AwsDriftCliTests : IDisposable
{
    private const string Stack = "drifty-development-storage";
    private const string Parameter = "/drifty/development/image_id";
    private readonly ExampleProject _project = new(new Dictionary<string, string>
    {
        ["templates/storage.yml"] = Templates.Storage,
        ["stagecraft.yml"] = """
            project: drifty
            environments:
              development: { target: aws, region: eu-west-2 }
            stages:
              storage:
                kind: cloudformation
                template: templates/storage.yml
                parameters: { Prefix: drifty }
              image:
                kind: ami
                base_image: ami-0ecs0000000000001
                user_data: "#!/bin/bash\necho ready\n"
              published:
                kind: parameters
                path: /drifty/development/
                values:
                  image_id: "${stages.image.outputs.image_id}"
                  bucket: "${stages.storage.outputs.BucketName}"
            """,
    });

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_stack_an_image_and_a_parameter_deleted_by_hand_are_reported_and_deploy_refresh_makes_them_again()
    {
        var deploy = await _project.RunAsync("deploy", "-e", "development", "--yes");
        deploy.ExitCode.Should().Be(0, deploy.ToString());
        var synced = await _project.RunAsync("drift", "-e", "development");
        synced.ExitCode.Should().Be(0, synced.ToString());
        synced.Output.Should().Contain("3 in sync.");
        var imageId = _project.Sdk.FakeEc2.Images.Keys.Single();

        _project.Tools.EditState(s => s["stacks"]!.AsObject().Remove(Stack));
        _project.Sdk.FakeEc2.Images.TryRemove(imageId, out _);
        _project.Sdk.ParameterStore.Values.TryRemove(Parameter, out _);

        var drift = await _project.RunAsync("drift", "-e", "development");

        drift.ExitCode.Should().Be(10, drift.ToString());
        drift.Output.Should().MatchRegex($@"storage\s+cloudformation\s+gone\s+stack {Stack} does not exist");
        drift.Output.Should().MatchRegex($@"image\s+ami\s+gone\s+image {imageId} does not exist");
        drift.Output.Should().MatchRegex($@"published\s+parameters\s+drifted\s+{Parameter} was deleted");

        var repair = await _project.RunAsync("deploy", "-e", "development", "--refresh", "--yes");

        repair.ExitCode.Should().Be(0, repair.ToString());
        repair.Output.Should().MatchRegex(@"storage\s+cloudformation\s+create\s+drifted: stack").And.MatchRegex(@"image\s+ami\s+create\s+drifted: image");
        _project.Tools.StackStatus(Stack).Should().Be("CREATE_COMPLETE");
        var rebuilt = _project.Sdk.FakeEc2.Images.Keys.Single();
        (await _project.Sdk.ParameterStore.GetAsync(Parameter, CancellationToken.None))!.Value.Should().Be(rebuilt);
        var after = await _project.RunAsync("drift", "-e", "development");
        after.ExitCode.Should().Be(0, after.ToString());
    }

    [Fact]
    public async Task The_default_plan_stays_offline_and_refresh_calls_only_read_apis()
    {
        (await _project.RunAsync("deploy", "-e", "development", "--yes")).ExitCode.Should().Be(0);
        var before = _project.Tools.Calls.Count;

        (await _project.RunAsync("plan", "-e", "development")).Output.Should().Contain("No changes");
        _project.Tools.Calls.Count.Should().Be(before, "a plan without --refresh calls nothing");

        var refreshed = await _project.RunAsync("plan", "-e", "development", "--refresh");
        refreshed.ExitCode.Should().Be(0, refreshed.ToString());
        refreshed.Output.Should().Contain("Refreshed: 3 in sync.");
        _project.Tools.Calls.Skip(before).Where(c => c.Args.Count >= 2).Select(c => c.Args[1]).Distinct().Should()
            .BeSubsetOf(["describe-stacks", "detect-stack-drift", "describe-stack-drift-detection-status", "describe-stack-resource-drifts"]);
    }
}
