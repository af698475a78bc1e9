using Stagecraft.Integration.Tests.Data;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Service;

/// <summary>A service env value from ${secret:…} reaches the app and its hooks, but never the agent log or the deploy output.</summary>
public sealed class SecretMaskingTests
{
    private const string Secret = "s3cret-t0ken+/value";

    [Fact]
    public async Task A_hook_that_prints_a_secret_env_value_is_masked_in_the_agent_log_and_the_deploy_output()
    {
        await using var project = new ServiceProject();
        using var keyDirectory = new TempDirectory("sk");
        var keys = keyDirectory.Path;
        var seen = Path.Combine(project.Path, "seen.txt");
        Executable.Write(project.WriteFile("app/echo-token.sh", "#!/bin/sh\necho \"token is $API_TOKEN\"\necho \"$API_TOKEN\" > \"$SEEN\"\n"));
        project.WriteFile("app/appspec.yml", "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: echo-token.sh\n");
        project.Write(new() { ["APP_VERSION"] = "v1", ["API_TOKEN"] = "${secret:api_token}", ["SEEN"] = seen });
        var file = Path.Combine(project.Path, "stagecraft.yml");
        var set = await new CliHarness(keys).RunAsync(Secret + "\n", "secret", "set", "api_token", "-f", file, "-e", "local");
        set.Exit.Should().Be(0, set.Error);

        var environment = new Dictionary<string, string>(project.Environment) { ["STAGECRAFT_KEY_DIR"] = keys };
        var deploy = await CliProcess.RunAsync(project.Path, environment, "deploy", "--yes");

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        File.ReadAllText(seen).Trim().Should().Be(Secret, "the hook gets the real value");
        var agentLog = File.ReadAllText(project.Agent.Home.LogPath);
        agentLog.Should().Contain("[AfterInstall] token is ****");
        agentLog.Should().NotContain(Secret);
        deploy.All.Should().NotContain(Secret);
        project.StageLog().Should().Contain("token is ****").And.NotContain(Secret);
    }
}
