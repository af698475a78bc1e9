using Stagecraft.Aws.State;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.State;
using Stagecraft.Integration.Tests.State;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>Every write is conditional on the version it started from: a racing writer is rejected and redone, never lost.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class S3ConflictTests
{
    private readonly LocalAws _aws;

    public S3ConflictTests(LocalAws aws)
    {
        _aws = aws;
    }

    [Fact]
    public async Task A_write_that_lost_a_race_is_rejected_and_redone_on_the_winners_version()
    {
        await using var place = await _aws.NewPlaceAsync();
        await using var slow = place.OpenS3();
        await using var fast = place.OpenS3();
        await slow.SetStageDataAsync("web", "base", "1", default);
        var raced = false;

        // The slow writer has read version 1 and written its object when the fast one commits version 2.
        slow.Repository.BeforeCommit = async ct =>
        {
            if (!raced)
            {
                raced = true;
                await fast.SetStageDataAsync("web", "from-fast", "yes", ct);
            }
        };
        await slow.SetStageDataAsync("web", "from-slow", "yes", default);

        slow.Repository.Conflicts.Should().Be(1, "the pointer moved between the slow writer's read and its commit");
        await using var reader = place.OpenS3();
        (await reader.GetStageDataAsync("web", "from-fast", default)).Should().Be("yes", "the winner's write is not lost");
        (await reader.GetStageDataAsync("web", "from-slow", default)).Should().Be("yes", "the loser's write was redone on top of it");
        var versions = await reader.ListVersionsAsync(10, default);
        versions.Select(v => v.Number).Should().Equal(3, 2, 1);
        versions[0].Change.Should().Contain("from-slow");
        versions[1].Change.Should().Contain("from-fast");
        (await place.KeysAsync()).Should().HaveCount(3, "the rejected version object was removed");
    }

    [Fact]
    public async Task A_writer_that_keeps_losing_fails_clearly_and_writes_nothing()
    {
        await using var place = await _aws.NewPlaceAsync();
        await using var loser = place.OpenS3();
        await using var winner = place.OpenS3();
        var round = 0;
        loser.Repository.BeforeCommit = ct => winner.SetStageDataAsync("web", $"winner-{++round}", "yes", ct);

        var write = () => loser.SetStageDataAsync("web", "loser", "yes", default);

        var error = (await write.Should().ThrowAsync<StagecraftException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.StageFailed);
        error.Message.Should().Contain($"changed under this write {StateRepository.MaxAttempts} times").And.Contain("none of it was written");
        (await winner.GetStageDataAsync("web", "loser", default)).Should().BeNull();
        for (var i = 1; i <= StateRepository.MaxAttempts; i++)
        {
            (await winner.GetStageDataAsync("web", $"winner-{i}", default)).Should().Be("yes");
        }
    }

    [Fact]
    public async Task Concurrent_writers_in_separate_stores_lose_no_update()
    {
        await using var place = await _aws.NewPlaceAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => place.OpenS3()).ToList();

        await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await store.SetStageDataAsync($"stage-{s}", $"key-{i}", "v", default);
            }
        })));

        await using var reader = place.OpenS3();
        for (var s = 0; s < stores.Count; s++)
        {
            for (var i = 0; i < 5; i++)
            {
                (await reader.GetStageDataAsync($"stage-{s}", $"key-{i}", default)).Should().Be("v", $"stage-{s}/key-{i} was written");
            }
        }

        (await reader.ListVersionsAsync(100, default)).Should().HaveCount(20, "one version per write, however they interleaved");
    }

    [Fact]
    public async Task Run_ids_stay_unique_when_two_processes_begin_runs_at_once()
    {
        await using var place = await _aws.NewPlaceAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => place.OpenS3()).ToList();

        var ids = await Task.WhenAll(stores.Select(store => Task.Run(() => store.BeginRunAsync(Samples.Run(), default))));

        ids.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(new long[] { 1, 2, 3, 4 });
    }
}
