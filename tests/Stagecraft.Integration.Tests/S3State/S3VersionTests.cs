using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.State;
using Stagecraft.Integration.Tests.State;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>Every write keeps the version before it, so a bad write can be listed and undone.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class S3VersionTests
{
    private readonly LocalAws _aws;

    public S3VersionTests(LocalAws aws)
    {
        _aws = aws;
    }

    [Fact]
    public async Task Every_write_is_a_version_listed_newest_first_with_what_it_changed()
    {
        await using var place = await _aws.NewPlaceAsync();
        await using var store = place.OpenS3();
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        await store.RecordStageAsync(runId, Samples.Result("api"), new StageStateChange.Put(Samples.Stage("api", runId)), default);
        await store.FinishRunAsync(runId, RunStatus.Succeeded, Samples.Time, null, default);

        var versions = await store.ListVersionsAsync(10, default);

        versions.Select(v => (v.Number, v.Change, v.Current)).Should().Equal(
            (3, "run 1: succeeded", true),
            (2, "run 1: api succeeded", false),
            (1, "begin run (deploy)", false));
        versions.Should().OnlyContain(v => v.Size > 0 && v.WrittenBy.Contains('@'));
        (await store.ListVersionsAsync(2, default)).Select(v => v.Number).Should().Equal(3, 2);
    }

    [Fact]
    public async Task Restore_puts_an_earlier_version_back_as_a_new_version_and_records_it_as_a_run()
    {
        await using var place = await _aws.NewPlaceAsync();
        await using var store = place.OpenS3();
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        var good = Samples.Stage("api", runId);
        await store.RecordStageAsync(runId, Samples.Result("api"), new StageStateChange.Put(good), default);
        var goodVersion = (await store.ListVersionsAsync(1, default))[0].Number;

        // A bad write: wrong outputs recorded for the stage.
        var bad = good with { Outputs = new Dictionary<string, OutputValue> { ["url"] = new("http://wrong") } };
        await store.RecordStageAsync(runId, Samples.Result("api"), new StageStateChange.Put(bad), default);
        (await store.LoadAsync(default)).Find("api")!.Outputs["url"].Value.Should().Be("http://wrong");

        var restored = await store.RestoreAsync(goodVersion, Samples.Run("restore"), default);

        restored.Number.Should().Be(goodVersion + 2);
        restored.Change.Should().Be($"restore of version {goodVersion}");
        await using var reader = place.OpenS3();
        (await reader.LoadAsync(default)).Find("api")!.Outputs["url"].Value.Should().Be("http://localhost:8080");
        var runs = await reader.ListRunsAsync(10, default);
        runs.Select(r => r.Id).Should().Equal(2, 1);
        runs[0].Should().Match<RunSummary>(r => r.Verb == "restore" && r.Status == RunStatus.Succeeded && r.Note!.StartsWith($"restored state version {goodVersion}"));
        (await reader.ListVersionsAsync(10, default)).Select(v => v.Number).Should().Equal(4, 3, 2, 1);

        // The restore itself can be undone: version 3 (the bad write) is still there.
        await reader.RestoreAsync(3, Samples.Run("restore"), default);
        (await reader.LoadAsync(default)).Find("api")!.Outputs["url"].Value.Should().Be("http://wrong");
        (await reader.ListRunsAsync(10, default)).Select(r => r.Id).Should().Equal(3, 1);
    }

    [Fact]
    public async Task Restoring_a_version_that_does_not_exist_fails_clearly_and_changes_nothing()
    {
        await using var place = await _aws.NewPlaceAsync();
        await using var store = place.OpenS3();
        await store.SetStageDataAsync("web", "a", "1", default);
        await store.SetStageDataAsync("web", "b", "2", default);

        var restore = () => store.RestoreAsync(7, Samples.Run("restore"), default);

        var error = (await restore.Should().ThrowAsync<StagecraftException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.InvalidInput);
        error.Message.Should().Contain("no state version 7").And.Contain("the current version is 2");
        (await store.ListVersionsAsync(10, default)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_version_changed_behind_the_stores_back_is_refused_and_a_restore_repairs_the_state()
    {
        await using var place = await _aws.NewPlaceAsync();
        await using (var writer = place.OpenS3())
        {
            await writer.SetStageDataAsync("web", "a", "1", default);
            await writer.SetStageDataAsync("web", "b", "2", default);
        }

        var current = (await place.KeysAsync()).Order().Last();
        await place.TamperAsync(current, text => text.Replace("\"2\"", "\"tampered\"", StringComparison.Ordinal));
        await using var store = place.OpenS3();

        var load = () => store.LoadAsync(default);

        var error = (await load.Should().ThrowAsync<StagecraftException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.StageFailed);
        error.Message.Should().Contain("does not match the checksum");
        await store.RestoreAsync(1, Samples.Run("restore"), default);
        (await store.GetStageDataAsync("web", "a", default)).Should().Be("1");
        (await store.GetStageDataAsync("web", "b", default)).Should().BeNull();
    }
}
