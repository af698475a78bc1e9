using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Engine;

/// <summary>A manual stage without a terminal stops the run with exit 5 until 'approve'.</summary>
public sealed class ManualApprovalTests
{
    [Fact]
    public async Task Without_a_terminal_the_run_waits_with_exit_5_and_approve_lets_the_next_deploy_go_on()
    {
        using var project = new TestProject();
        project.WriteProject("""
            project: gated
            stages:
              infra:
                kind: command
                run: ["sh", "stage.sh", "infra", "0"]
              dns:
                kind: manual
                instructions: Delegate the NS records of the domain to the new hosted zone.
                depends_on: [infra]
              app:
                kind: command
                run: ["sh", "stage.sh", "app", "0"]
                depends_on: [dns]
            """);

        var first = await project.RunAsync("deploy");
        first.ExitCode.Should().Be(5, first.ToString());
        first.Output.Should().Contain("Delegate the NS records").And.Contain("stagecraft approve dns");
        project.Log.Starts("app").Should().Be(0);

        var approve = await project.RunAsync("approve", "dns", "--note", "done by hand");
        approve.ExitCode.Should().Be(0, approve.ToString());

        var second = await project.RunAsync("deploy");
        second.ExitCode.Should().Be(0, second.ToString());
        project.Log.Starts("app").Should().Be(1);
        project.Log.Starts("infra").Should().Be(1);

        var outputs = await project.RunAsync("outputs", "dns");
        outputs.Output.Should().Contain("approved_by").And.Contain("done by hand");
    }

    [Fact]
    public async Task Approve_refuses_a_stage_whose_instructions_do_not_resolve_and_records_nothing()
    {
        using var project = new TestProject();
        project.WriteProject("""
            project: gated
            stages:
              dns:
                kind: manual
                instructions: "Use the zone id ${ssm:/gated/zone_id}."
            """);

        var approve = await project.RunAsync("approve", "dns");

        approve.ExitCode.Should().Be(2, approve.ToString());
        approve.Error.Should().Contain("/gated/zone_id");
        var status = await project.RunAsync("status");
        status.Output.Should().NotContain("approved");
    }
}
