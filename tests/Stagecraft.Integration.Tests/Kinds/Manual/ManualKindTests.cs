using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.State;
using Stagecraft.Local.Kinds.Manual;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Kinds.Manual;

public sealed class ManualKindTests : IDisposable
{
    private const string Instructions = "Run the initdb lambda by hand.\nThen check the tables exist.";
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly TempDirectory _project = new("manual");
    private readonly MemoryStageLog _log = new();
    private readonly InMemoryStateStore _state = new();
    private readonly ManualKind _kind = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task An_approval_for_this_fingerprint_completes_with_who_when_and_note()
    {
        await _state.RecordApprovalAsync(new Approval("gate", "fp-1", "ana@ops", Now, "checked by hand"), CancellationToken.None);
        var interaction = new ScriptedInteraction();

        var outcome = await _kind.ApplyAsync(Context(interaction), CancellationToken.None);

        Outputs(outcome).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["approved_by"] = "ana@ops",
            ["approved_at"] = "2025-03-04T05:06:07Z",
            ["note"] = "checked by hand",
        });
        interaction.Asked.Should().BeEmpty("an approved stage does not ask again");
    }

    [Fact]
    public async Task Yes_at_the_terminal_records_an_approval_and_completes()
    {
        var interaction = new ScriptedInteraction { Answer = true };

        var outcome = await _kind.ApplyAsync(Context(interaction), CancellationToken.None);

        interaction.Asked.Should().ContainSingle().Which.Should().Contain("gate");
        var approval = await _state.FindApprovalAsync("gate", "fp-1", CancellationToken.None);
        approval.Should().Be(new Approval("gate", "fp-1", $"{Environment.UserName}@{Environment.MachineName}", Now, "confirmed at the terminal"));
        Outputs(outcome)["approved_by"].Should().Be($"{Environment.UserName}@{Environment.MachineName}");
        Outputs(outcome)["approved_at"].Should().Be("2025-03-04T05:06:07Z");
    }

    [Fact]
    public async Task No_at_the_terminal_fails_and_records_nothing()
    {
        var act = () => _kind.ApplyAsync(Context(new ScriptedInteraction { Answer = false }), CancellationToken.None);

        (await act.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().Be("not confirmed");
        (await _state.FindApprovalAsync("gate", "fp-1", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Without_a_terminal_it_waits_for_approval_with_the_instructions()
    {
        var outcome = await _kind.ApplyAsync(Context(ScriptedInteraction.NoTerminal), CancellationToken.None);

        outcome.Should().Be(new StageOutcome.WaitingForApproval(Instructions));
    }

    [Fact]
    public async Task An_approval_of_another_fingerprint_does_not_count()
    {
        await _state.RecordApprovalAsync(new Approval("gate", "fp-0", "ana@ops", Now, null), CancellationToken.None);

        var outcome = await _kind.ApplyAsync(Context(ScriptedInteraction.NoTerminal), CancellationToken.None);

        outcome.Should().BeOfType<StageOutcome.WaitingForApproval>();
    }

    [Fact]
    public async Task The_instructions_are_written_to_the_log()
    {
        await _kind.ApplyAsync(Context(ScriptedInteraction.NoTerminal), CancellationToken.None);

        _log.Lines.Should().StartWith(["Run the initdb lambda by hand.", "Then check the tables exist."]);
    }

    private static Dictionary<string, string> Outputs(StageOutcome outcome) =>
        outcome.Should().BeOfType<StageOutcome.Completed>().Which.Outputs.ToDictionary(o => o.Key, o => o.Value.Value);

    private StageContext Context(IInteraction interaction) =>
        new StageContextBuilder(_project.Path)
        {
            Stage = "gate",
            Fingerprint = "fp-1",
            Log = _log,
            State = _state,
            Interaction = interaction,
            Time = new FakeTimeProvider(Now),
        }
        .Scalar("instructions", Instructions)
        .Build();
}
