using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>
/// A stage with its own region, through the real SDK and aws CLI against moto (which keeps regions
/// apart): its stack is made in that region, ${region} and ${ssm:…} in it resolve there, ${account}
/// is the caller's (STS), and variables stay the environment's.
/// </summary>
public sealed class StageRegionMotoTests : IClassFixture<MotoFixture>, IAsyncLifetime, IDisposable
{
    private readonly MotoServer _moto;
    private readonly MotoProject _project;

    public StageRegionMotoTests(MotoFixture moto)
    {
        _moto = moto;
        _project = new MotoProject(moto);
        _project.Host.Environment["DEMO_REGION"] = "eu-west-2";
        _project.Write("templates/note.yml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Text: { Type: String }
            Resources:
              Note:
                Type: AWS::SSM::Parameter
                Properties: { Name: /demo/note, Type: String, Value: !Ref Text }
            Outputs:
              NoteName: { Value: !Ref Note }
            """);
        _project.Write("stagecraft.yml", """
            project: demo
            variables:
              home_value: "${ssm:/demo/where}"
            environments:
              moto:
                target: aws
                region: "${os:DEMO_REGION}"
                endpoint_url: {moto}
            stages:
              east:
                kind: cloudformation
                region: us-east-1
                template: templates/note.yml
                parameters:
                  Text: "${region} ${account} ${ssm:/demo/where} ${var.home_value}"
                publish_outputs: /demo/east/
            """);
    }

    public async Task InitializeAsync()
    {
        await _moto.ResetAsync();
        await _moto.AwsInRegionAsync("eu-west-2", "ssm", "put-parameter", "--name", "/demo/where", "--type", "String", "--value", "london");
        await _moto.AwsInRegionAsync("us-east-1", "ssm", "put-parameter", "--name", "/demo/where", "--type", "String", "--value", "virginia");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task The_stage_deploys_in_its_own_region_with_its_references_resolved_there()
    {
        var deploy = await _project.SucceedsAsync("deploy", "-e", "moto", "--yes");

        var account = (await _moto.AwsAsync("sts", "get-caller-identity"))!.Value.GetProperty("Account").GetString();
        var stacks = (await _moto.AwsInRegionAsync("us-east-1", "cloudformation", "describe-stacks", "--stack-name", "demo-moto-east"))!.Value.GetProperty("Stacks");
        stacks[0].GetProperty("StackStatus").GetString().Should().Be("CREATE_COMPLETE", deploy.ToString());
        var note = (await _moto.AwsInRegionAsync("us-east-1", "ssm", "get-parameter", "--name", "/demo/note"))!.Value.GetProperty("Parameter").GetProperty("Value").GetString();
        note.Should().Be($"us-east-1 {account} virginia london", "${ssm:} in the stage reads its region; a variable is the environment's");
        var homeStacks = (await _moto.AwsInRegionAsync("eu-west-2", "cloudformation", "list-stacks"))!.Value.GetProperty("StackSummaries").GetArrayLength();
        homeStacks.Should().Be(0, "nothing of the stage is in the environment's region");
        // publish_outputs writing to the environment's region is checked with the doubles
        // (ElectionAppExampleTests): moto's stacks made through change sets report no outputs.
        var east = (await _moto.AwsInRegionAsync("us-east-1", "ssm", "get-parameters-by-path", "--path", "/demo/east/"))!.Value.GetProperty("Parameters");
        east.GetArrayLength().Should().Be(0, "outputs are never published in the stage's own region");
    }
}
