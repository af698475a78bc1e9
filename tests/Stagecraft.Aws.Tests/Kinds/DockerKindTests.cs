using Stagecraft.Aws.Docker;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Kinds;

namespace Stagecraft.Aws.Tests.Kinds;

public sealed class DockerKindTests : IDisposable
{
    private const string Ecr = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/jobs/ingest";
    private readonly AwsHarness _aws = new("aws", "docker");
    private readonly DockerKind _kind = new();

    public DockerKindTests()
    {
        _aws.Project.Write("images/ingest/Dockerfile", "FROM python:3.12-slim\nCOPY . /app\n");
    }

    public void Dispose() => _aws.Dispose();

    private StageContext Context(string repository = Ecr, string fingerprint = "feedfacecafe0123456789") =>
        _aws.Context("ingest-image", b => b.Scalar("context", "images/ingest").Scalar("repository", repository).Map("build_args", ("VERSION", "1.2", false)), fingerprint);

    [Fact]
    public async Task Builds_tags_with_the_fingerprint_and_pushes_to_ecr_after_a_login_through_stdin()
    {
        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);

        var login = _aws.Tools.OfTool("docker", "login").Single();
        login.Args.Should().Equal("login", "--username", "AWS", "--password-stdin", "123456789012.dkr.ecr.eu-west-2.amazonaws.com");
        login.Args.Should().NotContain(a => a.StartsWith("fake-ecr-password", StringComparison.Ordinal), "the password goes on standard input only");
        _aws.Tools.OfTool("docker", "build").Single().Option("--tag").Should().Be(Ecr + ":feedfacecafe");
        _aws.Tools.OfTool("docker", "build").Single().Option("--build-arg").Should().Be("VERSION=1.2");
        outcome.Outputs["image"].Value.Should().MatchRegex(@"^123456789012\.dkr\.ecr\.eu-west-2\.amazonaws\.com/jobs/ingest@sha256:[0-9a-f]{64}$");
        outcome.Outputs["tag"].Value.Should().Be("feedfacecafe");
        _aws.LogText.Should().NotContain("fake-ecr-password");
    }

    [Fact]
    public async Task Skips_the_build_when_the_registry_already_has_the_tag()
    {
        var first = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);
        var second = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);

        _aws.Tools.OfTool("docker", "build").Should().ContainSingle();
        _aws.Tools.Of("ecr", "describe-images").Should().HaveCount(2);
        second.Outputs["image"].Should().Be(first.Outputs["image"]);
        _aws.LogText.Should().Contain("already in the registry");
    }

    [Fact]
    public async Task A_new_fingerprint_builds_a_new_tag()
    {
        await _kind.ApplyAsync(Context(), CancellationToken.None);
        var updated = (StageOutcome.Completed)await _kind.ApplyAsync(Context(fingerprint: "0000aaaa1111bbbb"), CancellationToken.None);

        _aws.Tools.OfTool("docker", "push").Select(p => p.Args[1]).Should().Equal(Ecr + ":feedfacecafe", Ecr + ":0000aaaa1111");
        updated.Outputs["tag"].Value.Should().Be("0000aaaa1111");
    }

    [Fact]
    public async Task Another_registry_is_checked_with_docker_manifest_inspect()
    {
        await _kind.ApplyAsync(Context("registry.example.org/jobs/ingest"), CancellationToken.None);
        await _kind.ApplyAsync(Context("registry.example.org/jobs/ingest"), CancellationToken.None);

        _aws.Tools.OfTool("docker", "login").Should().BeEmpty();
        _aws.Tools.OfTool("docker", "manifest").Should().HaveCount(2);
        _aws.Tools.OfTool("docker", "push").Should().ContainSingle();
    }

    [Fact]
    public async Task A_failed_build_fails_the_stage_with_dockers_last_lines()
    {
        _aws.Tools.Control(new { fail = new Dictionary<string, object> { ["docker build"] = new { exit = 1, message = "ERROR: failed to solve: process \"/bin/sh -c pip install\" did not complete successfully: exit code: 1" } } });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Be("SC-AWS-0201: docker build exited with code 1");
        failure.Details.Should().Contain(l => l.Contains("failed to solve", StringComparison.Ordinal));
        _aws.Tools.OfTool("docker", "push").Should().BeEmpty();
    }

    [Fact]
    public async Task Throttled_ecr_calls_are_retried_and_Ctrl_C_stops_a_hanging_push()
    {
        _aws.Tools.Control(new { throttle = new Dictionary<string, int> { ["aws ecr describe-images"] = 1 }, hang = new[] { "docker push" } });
        using var cts = new CancellationTokenSource();

        var apply = _kind.ApplyAsync(Context(), cts.Token);
        await Stagecraft.TestSupport.Eventually.TrueAsync(() => _aws.Tools.OfTool("docker", "push").Count == 1, "the push", TimeSpan.FromSeconds(90));
        cts.Cancel();

        await apply.Invoking(a => a).Should().ThrowAsync<OperationCanceledException>();
        _aws.Tools.Of("ecr", "describe-images").Should().HaveCount(2);
    }

    [Fact]
    public async Task A_missing_docker_says_how_to_install_it()
    {
        _aws.Tools.Remove("docker");

        var act = () => _kind.ApplyAsync(Context("registry.example.org/jobs/ingest"), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Be("SC-AWS-0008: the Docker CLI ('docker') was not found on PATH");
        failure.Hint.Should().Contain("docs.docker.com");
    }

    [Fact]
    public async Task A_secret_build_arg_goes_to_docker_through_its_environment_not_argv()
    {
        var context = _aws.Context("ingest-image", b => b.Scalar("context", "images/ingest").Scalar("repository", Ecr)
            .Map("build_args", ("VERSION", "1.2", false), ("PIP_TOKEN", "s3cr3t-token", true)));

        await _kind.ApplyAsync(context, CancellationToken.None);

        var build = _aws.Tools.OfTool("docker", "build").Single();
        build.Args.Should().NotContain(a => a.Contains("s3cr3t-token", StringComparison.Ordinal));
        build.Args.Should().Contain("PIP_TOKEN").And.Contain("VERSION=1.2");
        var seen = _aws.Tools.State["build_args"]![Ecr + ":0123456789ab"]!;
        seen["PIP_TOKEN"]!.GetValue<string>().Should().Be("s3cr3t-token", "docker reads a bare --build-arg NAME from its environment");
        seen["VERSION"]!.GetValue<string>().Should().Be("1.2");
    }
}
