using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.State;
using Stagecraft.Integration.Tests.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>A store that cannot be reached fails with a clear error (exit 1) and leaves the last good version in place.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class S3UnreachableTests
{
    private readonly LocalAws _aws;

    public S3UnreachableTests(LocalAws aws)
    {
        _aws = aws;
    }

    [Fact]
    public async Task Nothing_listening_at_the_endpoints_is_a_clear_error_naming_the_endpoint()
    {
        await using var place = await _aws.NewPlaceAsync();
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var store = place.OpenS3(s3: closed, dynamo: closed);
        var started = DateTime.UtcNow;

        var load = () => store.LoadAsync(default);
        var acquire = () => store.TryAcquireLockAsync(Samples.Lock(1), _ => false, default);

        var error = (await load.Should().ThrowAsync<StagecraftException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.StageFailed);
        error.Message.Should().Contain("cannot reach DynamoDB at " + closed.ToString().TrimEnd('/'));
        error.Hint.Should().Contain("lock_endpoint").And.Contain("nothing was written");
        (await acquire.Should().ThrowAsync<StagecraftException>()).Which.Message.Should().Contain("taking the lock");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(30), "a refused connection fails fast, after a few retries");
    }

    [Fact]
    public async Task S3_going_away_mid_run_fails_the_write_and_the_previous_version_stays_intact()
    {
        using var data = new TempDirectory("stagecraft-s3rver-own");
        var port = FreePort.Next();
        var s3 = await LocalAws.StartS3rverAsync(port, data.Path);
        await using var place = await _aws.NewPlaceAsync();
        using (var client = LocalAws.S3Client(s3.Url))
        {
            await client.PutBucketAsync(place.Bucket);
        }

        await using var store = place.OpenS3(s3: s3.Url);
        var runId = await store.BeginRunAsync(Samples.Run(), default);
        await store.RecordStageAsync(runId, Samples.Result("db"), new StageStateChange.Put(Samples.Stage("db", runId)), default);
        var before = (await place.ItemAsync())!["state_key"].S;

        await s3.DisposeAsync();
        var write = () => store.RecordStageAsync(runId, Samples.Result("api"), new StageStateChange.Put(Samples.Stage("api", runId)), default);

        var error = (await write.Should().ThrowAsync<StagecraftException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.StageFailed);
        error.Message.Should().Contain("cannot reach S3").And.Contain("writing state version 3");
        (await place.ItemAsync())!["state_key"].S.Should().Be(before, "the pointer only moves after the new version is stored");

        await using var restarted = await LocalAws.StartS3rverAsync(port, data.Path);
        await using var next = place.OpenS3(s3: restarted.Url);
        (await next.LoadAsync(default)).Stages.Keys.Should().Equal("db");
        (await next.GetRunAsync(runId, default))!.Stages.Select(s => s.Stage).Should().Equal("db");
        await next.RecordStageAsync(runId, Samples.Result("api"), new StageStateChange.Put(Samples.Stage("api", runId)), default);
        (await next.LoadAsync(default)).Stages.Keys.Should().Equal("api", "db");
    }

    [Fact]
    public async Task DynamoDB_going_away_after_the_object_is_written_leaves_the_pointer_on_the_previous_version()
    {
        using var data = new TempDirectory("stagecraft-dynalite-own");
        var port = FreePort.Next();
        var dynamo = await LocalAws.StartDynaliteAsync(port, data.Path);
        await using var place = await _aws.NewPlaceAsync();
        using (var client = LocalAws.DynamoClient(dynamo.Url))
        {
            await LocalAws.CreateTableAsync(client, place.Table);
        }

        await using var store = place.OpenS3(dynamo: dynamo.Url);
        await store.SetStageDataAsync("web", "active", "blue", default);

        // The new version object is stored; the lock table goes away before the pointer moves.
        store.Repository.BeforeCommit = async _ => await dynamo.DisposeAsync();
        var write = () => store.SetStageDataAsync("web", "active", "green", default);

        var error = (await write.Should().ThrowAsync<StagecraftException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.StageFailed);
        error.Message.Should().Contain("cannot reach DynamoDB").And.Contain("recording the new state version");

        await using var restarted = await LocalAws.StartDynaliteAsync(port, data.Path);
        await using var next = place.OpenS3(dynamo: restarted.Url);
        (await next.GetStageDataAsync("web", "active", default)).Should().Be("blue", "an unreferenced version object is never read as state");
        (await next.ListVersionsAsync(10, default)).Select(v => v.Number).Should().Equal(1);
    }
}
