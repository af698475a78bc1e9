using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Service;

/// <summary>stagecraft rollback: a kept release goes back live through the health gate, recorded as a run.</summary>
public sealed class RollbackTests
{
    [Fact]
    public async Task Rollback_restores_the_previous_release_and_to_names_any_kept_one()
    {
        await using var project = new ServiceProject();
        project.Write(new() { ["APP_VERSION"] = "v1" });
        await project.DeployOkAsync();
        project.Write(new() { ["APP_VERSION"] = "v2" });
        await project.DeployOkAsync();
        using var http = new HttpClient();

        var back = await project.RunAsync("rollback", "web");

        back.ExitCode.Should().Be(0, back.ToString());
        back.Output.Should().Contain("r1 is live again");
        (await http.GetAsync(project.Url)).Headers.GetValues("X-Version").Should().Equal("v1");
        (await project.RunAsync("outputs", "web", "--json")).Output.Should().Contain("\"release\": \"r1\"");
        (await project.RunAsync("history")).Output.Should().Contain("rollback");
        (await project.RunAsync("plan")).Output.Should().Contain("update", "the file asks for v2 while v1 runs");

        var forward = await project.RunAsync("rollback", "web", "--to", "r2");

        forward.ExitCode.Should().Be(0, forward.ToString());
        (await http.GetAsync(project.Url)).Headers.GetValues("X-Version").Should().Equal("v2");
        var missing = await project.RunAsync("rollback", "web", "--to", "r9");
        missing.ExitCode.Should().Be(1);
        missing.Error.Should().Contain("keeps no release 'r9'");
    }
}
