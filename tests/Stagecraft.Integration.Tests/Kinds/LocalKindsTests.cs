using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Planning;
using Stagecraft.Core.Sessions;
using Stagecraft.Core.State;
using Stagecraft.Local;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Kinds;

public sealed class LocalKindsTests : IDisposable
{
    private readonly TempDirectory _project = new("local-kinds");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Registers_command_and_manual_for_any_target_and_service_for_the_local_one()
    {
        var catalog = new Catalog().AddLocalKinds();

        catalog.KindNames.Should().BeEquivalentTo("command", "manual", "parameters", "migrations", "service");
        catalog.Kinds.Should().OnlyContain(k => k.Version == "1" && k.Summary.Length > 0);
        catalog.Kinds.Where(k => k.Name != "service").Should().OnlyContain(k => k.Targets == null);
        catalog.Kind("service").Targets.Should().Equal(TargetKind.Local);
    }

    [Fact]
    public void Manual_declares_the_approval_gate_and_service_the_hosted_service_and_no_other_kind_does()
    {
        var catalog = new Catalog().AddLocalKinds();

        catalog.KindNames.Where(k => catalog.Has(k, KindCapabilities.ApprovalGate)).Should().Equal("manual");
        catalog.KindNames.Where(k => catalog.Has(k, KindCapabilities.HostedService)).Should().Equal("service");
    }

    [Fact]
    public void A_command_string_instead_of_an_argv_is_refused_when_the_file_is_read()
    {
        var act = () => Load("""
            stages:
              build:
                kind: command
                run: make deploy
            """);

        act.Should().Throw<InvalidInputException>().WithMessage("*must be a list of program and arguments*");
    }

    [Fact]
    public void A_stage_cannot_set_Stagecraft_own_variables_in_env()
    {
        var act = () => Load("""
            stages:
              build:
                kind: command
                run: ["true"]
                env: { STAGECRAFT_OUTPUT: /tmp/elsewhere }
            """);

        act.Should().Throw<InvalidInputException>().WithMessage("*'STAGECRAFT_OUTPUT' in 'env' of stage 'build' is reserved*");
    }

    [Fact]
    public async Task Outputs_a_command_writes_reach_the_stage_that_references_them_and_a_manual_stage_waits()
    {
        var host = new FakeHostInfo();
        var (catalog, project) = Load("""
            stages:
              produce:
                kind: command
                run: ["/bin/sh", "-c", "echo \"greeting=hello from $STAGECRAFT_STAGE\" >> \"$STAGECRAFT_OUTPUT\""]
              consume:
                kind: command
                run: ["/bin/sh", "-c", "printf '%s' \"$1\" > consumed.txt", "sh", "${stages.produce.outputs.greeting}"]
              gate:
                kind: manual
                depends_on: [consume]
                instructions: Check consumed.txt by hand.
            """);
        await using var session = await EnvironmentSession.OpenAsync(project, null, new SessionOptions(catalog, host, TimeProvider.System), default);
        var (plan, snapshot) = await session.PlanAsync(PlanOptions.All, default);

        var report = await new RunEngine(session, new RecordingObserver(), ScriptedInteraction.NoTerminal, host)
            .ExecuteAsync("deploy", plan, snapshot, new EngineOptions(), default);

        File.ReadAllText(_project.Combine("consumed.txt")).Should().Be("hello from produce");
        report.Stages.Single(s => s.Stage == "produce").Outputs["greeting"].Value.Should().Be("hello from produce");
        report.Stages.Single(s => s.Stage == "gate").Result.Should().Be(StageResult.Waiting);
        report.ExitCode.Should().Be(ExitCodes.WaitingForApproval);
    }

    private (Catalog Catalog, ProjectDefinition Project) Load(string stages)
    {
        var catalog = new Catalog().AddLocalKinds().Add(new TestTarget("local")).Add(new InMemoryBackend());
        var text = "project: demo\nenvironments:\n  local:\n    target: local\n" + stages;
        return (catalog, ProjectLoader.Parse(text, "stagecraft.yml", _project.Path, catalog));
    }
}
