using System.Text;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Fingerprints;
using Stagecraft.Core.State;
using Stagecraft.Core.State.Portable;

namespace Stagecraft.Core.Tests.State;

public sealed class StateDocumentJsonTests
{
    private static readonly DateTimeOffset Time = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void A_document_round_trips_with_every_field()
    {
        var document = Sample();

        var back = StateDocumentJson.Deserialize(StateDocumentJson.Serialize(document, null), null, "test");

        back.Should().BeEquivalentTo(document, o => o.ComparingRecordsByMembers().WithStrictOrdering());
        back.Project.Should().Be("demo");
        back.LastRunId.Should().Be(9, "the highest run id ever handed out is kept even when later than every run in it");
    }

    [Fact]
    public void Sensitive_outputs_are_written_masked_without_a_protector()
    {
        var json = Encoding.UTF8.GetString(StateDocumentJson.Serialize(Sample(clearSecret: true), null));

        json.Should().NotContain("hunter2").And.Contain("\"value\": \"****\"");
        StateDocumentJson.Deserialize(Encoding.UTF8.GetBytes(json), null, "test").Stages[0].Outputs["password"].Should().Be(new OutputValue("****", Sensitive: true));
    }

    [Fact]
    public void A_newer_format_version_is_refused()
    {
        var json = Encoding.UTF8.GetString(StateDocumentJson.Serialize(Sample(), null)).Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);

        var read = () => StateDocumentJson.Deserialize(Encoding.UTF8.GetBytes(json), null, "state.json");

        read.Should().Throw<StagecraftException>().WithMessage("state.json is state format version 2, newer than this Stagecraft understands (1)");
    }

    [Theory]
    [InlineData("""{"hello": "world"}""")]
    [InlineData("not json")]
    [InlineData("""{"format": "stagecraft-state", "version": 1}""")]
    public void Something_else_is_refused_as_not_a_state_document(string text)
    {
        var read = () => StateDocumentJson.Deserialize(Encoding.UTF8.GetBytes(text), null, "x.json");

        read.Should().Throw<StagecraftException>().Which.ExitCode.Should().Be(ExitCodes.InvalidInput);
    }

    private static StateDocument Sample(bool clearSecret = false)
    {
        var manifest = new FingerprintManifest("command", "1", new Dictionary<string, string> { ["run"] = "sha256:aa" },
            new Dictionary<string, ManifestValue> { ["secret:db"] = new("hmac:bb", true) }, new Dictionary<string, string> { ["a.txt"] = "sha256:cc" });
        var outputs = new Dictionary<string, OutputValue> { ["url"] = new("http://x"), ["password"] = new("hunter2", Sensitive: true) };
        var stage = new StageRecord("db", "command", StageStatus.Deployed, "fp", manifest, outputs, ["net"], "{}", true, 3, Time, null);
        var run = new RunDetail(
            new RunSummary(3, "deploy", "dev", RunStatus.Failed, Time, Time.AddMinutes(1), "alice", "box", 42, "deploy", "1 failed"),
            [new StageRunRecord("db", "command", StageAction.Update, StageResult.Failed, Time, TimeSpan.FromMilliseconds(1500), "changed", "exit 2", "fp", "log")]);
        var masked = stage with { Outputs = new Dictionary<string, OutputValue> { ["url"] = new("http://x"), ["password"] = new("****", Sensitive: true) } };
        return new StateDocument([1, 2, 3], [clearSecret ? stage : masked], [run], [new Approval("gate", "fp", "bob", Time, "ok")], [new StageDataEntry("web", "releases", "[]")], 9)
        {
            Project = "demo",
            Environment = "dev",
        };
    }
}
