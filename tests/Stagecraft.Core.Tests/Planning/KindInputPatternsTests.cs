using Stagecraft.Core.Config;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Planning;
using Stagecraft.Core.References;
using Stagecraft.Core.Sessions;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Planning;

public sealed class KindInputPatternsTests
{
    [Fact]
    public async Task Files_a_kind_declares_join_the_fingerprint_so_a_new_file_is_a_change()
    {
        using var project = new TempDirectory();
        project.Write("sql/V1__a.sql", "select 1;");
        var test = new TestCatalog();
        test.Catalog.Add(new FilesKind());
        var definition = ProjectLoader.Parse("""
            project: demo
            stages:
              schema:
                kind: files
                directory: sql
            """, "stagecraft.yml", project.Path, test.Catalog);
        var host = new FakeHostInfo();
        await using var session = await EnvironmentSession.OpenAsync(definition, null, new SessionOptions(test.Catalog, host, TimeProvider.System), default);
        var (plan, snapshot) = await session.PlanAsync(PlanOptions.All, default);
        (await new RunEngine(session, new RecordingObserver(), ScriptedInteraction.NoTerminal, host).ExecuteAsync("deploy", plan, snapshot, new EngineOptions(), default))
            .Status.Should().Be(RunStatus.Succeeded);

        (await session.PlanAsync(PlanOptions.All, default)).Plan.Stages.Single().Action.Should().Be(StageAction.NoChange);

        project.Write("sql/V2__b.sql", "select 2;");
        var changed = (await session.PlanAsync(PlanOptions.All, default)).Plan.Stages.Single();
        changed.Action.Should().Be(StageAction.Update);
        changed.Fingerprint!.Manifest.Files.Keys.Should().Contain("sql/V2__b.sql");
    }

    private sealed class FilesKind : StageKind
    {
        public override string Name => "files";

        public override string Version => "1";

        public override string Summary => "reads the files of a directory";

        public override KindSchema Schema { get; } = new(new FieldSpec("directory", FieldType.Path, "where the files are", Required: true));

        public override IEnumerable<string> InputPatterns(ResolvedMap settings, string projectDirectory) => [settings.RequiredString("directory") + "/*.sql"];

        public override Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken) => Task.FromResult(StageOutcome.Done());
    }
}
