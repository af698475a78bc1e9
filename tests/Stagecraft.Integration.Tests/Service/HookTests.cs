using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Service;

/// <summary>Lifecycle hooks from appspec.yml and from the stage: order, environment, working directory, runas.</summary>
public sealed class HookTests
{
    private const string Hook = """
        #!/bin/sh
        echo "$LIFECYCLE_EVENT $1 $DEPLOYMENT_ID $APPLICATION_NAME $DEPLOYMENT_GROUP_NAME $(basename "$(pwd)")" >> "$HOOK_LOG"
        """;

    [Fact]
    public async Task Appspec_hooks_run_before_the_stage_hooks_of_each_event_in_the_release_directory_with_CodeDeploy_variables()
    {
        await using var project = new ServiceProject();
        var log = Path.Combine(project.Path, "hooks.log");
        Executable.Write(project.WriteFile("app/scripts/appspec-hook.sh", Hook.Replace("$1", "appspec", StringComparison.Ordinal)));
        Executable.Write(project.WriteFile("hooks/stage-hook.sh", Hook.Replace("$1", "stage", StringComparison.Ordinal)));
        project.WriteFile("app/appspec.yml", """
            version: 0.0
            os: linux
            hooks:
              BeforeInstall:
                - location: scripts/appspec-hook.sh
                  timeout: 30
              AfterInstall:
                - location: scripts/appspec-hook.sh
              ApplicationStart:
                - location: scripts/appspec-hook.sh
              ValidateService:
                - location: scripts/appspec-hook.sh
            """);
        project.Write(new() { ["APP_VERSION"] = "v1", ["HOOK_LOG"] = log },
            "    hooks:\n      BeforeInstall: [ { location: hooks/stage-hook.sh } ]\n      ValidateService: [ { location: hooks/stage-hook.sh, timeout: 10s } ]\n");

        var deploy = await project.DeployAsync();

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        File.ReadAllLines(log).Should().Equal(
            "BeforeInstall appspec r1 svc local-web r1",
            "BeforeInstall stage r1 svc local-web r1",
            "AfterInstall appspec r1 svc local-web r1",
            "ApplicationStart appspec r1 svc local-web r1",
            "ValidateService appspec r1 svc local-web r1",
            "ValidateService stage r1 svc local-web r1");
    }

    [RootFact]
    public async Task Runas_runs_a_hook_as_that_user_when_the_agent_is_root()
    {
        await using var project = new ServiceProject();
        Executable.Write(project.WriteFile("app/whoami.sh", "#!/bin/sh\necho \"running as $(id -un)\"\n"));
        project.WriteFile("app/appspec.yml", "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: whoami.sh\n      runas: nobody\n");
        project.Write();

        var deploy = await project.DeployAsync();

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        project.StageLog().Should().Contain("[AfterInstall] running as nobody");
    }
}
