using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Rollouts;

/// <summary>Bad 'rollout' settings are refused where they are written, before anything runs.</summary>
public sealed class RolloutSettingsTests
{
    [Theory]
    [InlineData("{ steps: [10, 150] }", "'150' is not a percentage from 1 to 99", "150")]
    [InlineData("{ steps: [50, 10 ] }", "10 does not come after 50: steps must increase", "10 ]")]
    [InlineData("{ steps: [] }", "rollout.steps of stage 'web' is empty", "[]")]
    [InlineData("{ max_error_rate: 2 }", "rollout.max_error_rate of stage 'web' must be a fraction from 0 to 1", "2 }")]
    [InlineData("{ min_requests: 0 }", "rollout.min_requests of stage 'web' must be at least 1", "0 }")]
    [InlineData("{ step_time: 10s, max_step_time: 5s }", "rollout.max_step_time of stage 'web' is shorter than its step_time", "5s")]
    [InlineData("{ step_time: soon }", "step_time", "soon")]
    [InlineData("{ sticky: maybe }", "sticky", "maybe")]
    [InlineData("{ stepz: [10] }", "stepz", "stepz")]
    public async Task A_bad_rollout_setting_is_refused_with_its_location_and_exit_2(string rollout, string message, string at)
    {
        await using var project = new ServiceProject();
        project.Write(extra: $"    rollout: {rollout}\n");
        var lines = File.ReadAllLines(Path.Combine(project.Path, "stagecraft.yml")).ToList();
        var line = lines.FindIndex(l => l.Contains("rollout:", StringComparison.Ordinal)) + 1;
        var column = lines[line - 1].IndexOf(at, StringComparison.Ordinal) + 1;

        var validate = await project.RunAsync("validate");

        validate.ExitCode.Should().Be(2, validate.ToString());
        validate.All.Should().Contain($"stagecraft.yml:{line}:{column}").And.Contain(message);
    }

    [Fact]
    public async Task Deploy_refuses_a_bad_rollout_before_anything_starts()
    {
        await using var project = new ServiceProject();
        project.Write(extra: "    rollout: { steps: [10, 100] }\n");

        var deploy = await project.RunAsync("deploy", "--yes");

        deploy.ExitCode.Should().Be(2, deploy.ToString());
        deploy.All.Should().Contain("'100' is not a percentage from 1 to 99");
        (await project.Agent.StatusAsync()).Should().BeNull("no agent was started, nothing released");
    }
}
