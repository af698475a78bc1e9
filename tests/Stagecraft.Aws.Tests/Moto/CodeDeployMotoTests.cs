using Stagecraft.TestSupport;
using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>
/// The codedeploy kind through the real aws CLI v2 against moto: application, blue/green
/// deployment group and deployment are created. Moto's deployments stay 'Created' and never
/// run, so waiting for success, failure, stop and the green fleet's cleanup are covered by the
/// double (Kinds/CodeDeployKindTests); here the wait ends at the stage's timeout.
/// </summary>
public sealed class CodeDeployMotoTests : IClassFixture<MotoFixture>, IAsyncLifetime, IDisposable
{
    private readonly MotoServer _moto;
    private readonly MotoProject _project;

    public CodeDeployMotoTests(MotoFixture moto)
    {
        _moto = moto;
        _project = new MotoProject(moto);
        _project.Write("stagecraft.yml", """
            project: demo
            environments:
              moto:
                target: aws
                region: eu-west-2
                endpoint_url: {moto}
            stages:
              web:
                kind: codedeploy
                application: demo-web
                deployment_group: demo-web-moto
                service_role_arn: arn:aws:iam::123456789012:role/codedeploy
                auto_scaling_group: demo-web-asg
                target_group: demo-web-tg
                revision:
                  bucket: demo-releases
                  key: web/1.0.0.zip
                description: web 1.0.0
            """);
    }

    public Task InitializeAsync() => _moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task The_application_group_and_deployment_are_created_and_the_stage_waits_on_the_deployment()
    {
        using var ctrlC = new CancellationTokenSource();
        var run = _project.RunAsync("", ctrlC.Token, "deploy", "-e", "moto");
        var deployments = new List<string>();
        await Eventually.TrueAsync(async () =>
        {
            if (run.IsCompleted)
            {
                throw new InvalidOperationException("deploy ended before it created a deployment: " + await run);
            }

            deployments = await DeploymentsAsync();
            return deployments.Count > 0;
        }, TimeSpan.FromMinutes(3), "the deployment to appear in moto");

        // Moto is not CodeDeploy: the deployment stays Created, so the stage would wait until its timeout.
        (await _moto.AwsAsync("deploy", "get-deployment", "--deployment-id", deployments[0]))!.Value.GetProperty("deploymentInfo").GetProperty("status").GetString()
            .Should().Be("Created");
        run.IsCompleted.Should().BeFalse("the stage waits while the deployment has not finished");
        await ctrlC.CancelAsync();
        var result = await run;

        result.ExitCode.Should().NotBe(0, result.ToString());
        var application = await _moto.AwsAsync("deploy", "get-application", "--application-name", "demo-web");
        application!.Value.GetProperty("application").GetProperty("computePlatform").GetString().Should().Be("Server");
        // Listed, not described: moto's GetDeploymentGroup answer for a blue/green group is one the
        // aws CLI cannot parse ("'str' object has no attribute 'get'"), so a second deploy's
        // existence check of the group is covered by the double only.
        var groups = await _moto.AwsAsync("deploy", "list-deployment-groups", "--application-name", "demo-web");
        groups!.Value.GetProperty("deploymentGroups").EnumerateArray().Select(g => g.GetString()).Should().Equal("demo-web-moto");
        (await DeploymentsAsync()).Should().ContainSingle();
        var deployment = (await _moto.AwsAsync("deploy", "get-deployment", "--deployment-id", deployments[0]))!.Value.GetProperty("deploymentInfo");
        var revision = deployment.GetProperty("revision").GetProperty("s3Location");
        revision.GetProperty("bucket").GetString().Should().Be("demo-releases");
        revision.GetProperty("key").GetString().Should().Be("web/1.0.0.zip");
        revision.GetProperty("bundleType").GetString().Should().Be("zip");
        _project.StageLog("moto", "web").Should().Contain(deployments[0]);
    }

    private async Task<List<string>> DeploymentsAsync()
    {
        try
        {
            var listed = await _moto.AwsAsync("deploy", "list-deployments", "--application-name", "demo-web", "--deployment-group-name", "demo-web-moto");
            return listed!.Value.GetProperty("deployments").EnumerateArray().Select(d => d.GetString()!).ToList();
        }
        catch (InvalidOperationException)
        {
            return []; // the application or group is not there yet
        }
    }
}
