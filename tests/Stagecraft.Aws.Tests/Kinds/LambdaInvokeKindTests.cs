using Stagecraft.Aws.Lambda;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Kinds;

namespace Stagecraft.Aws.Tests.Kinds;

public sealed class LambdaInvokeKindTests : IDisposable
{
    private readonly AwsHarness _aws = new("aws");
    private readonly LambdaInvokeKind _kind = new();

    public void Dispose() => _aws.Dispose();

    private StageContext Context(string payload = "{\"action\":\"init\"}", string? timeout = null) => _aws.Context("initdb", b =>
    {
        b.Scalar("function", "imaging-db-test-initdb").Scalar("payload", payload);
        if (timeout is not null)
        {
            b.Scalar("timeout", timeout);
        }
    });

    [Fact]
    public async Task Invokes_the_function_with_the_payload_from_a_file_and_returns_its_response()
    {
        _aws.Tools.Control(new { lambda_responses = new Dictionary<string, object> { ["imaging-db-test-initdb"] = new { created = 12 } } });

        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);

        var invoke = _aws.Tools.Of("lambda", "invoke").Single();
        invoke.Option("--payload").Should().StartWith("fileb://");
        _aws.Tools.State["lambda"]!["imaging-db-test-initdb"]![0]!.GetValue<string>().Should().Be("{\"action\":\"init\"}");
        outcome.Outputs["status_code"].Value.Should().Be("200");
        outcome.Outputs["response"].Value.Should().Be("{\"created\":12}");
    }

    [Fact]
    public async Task The_payload_and_response_files_are_owner_only_and_deleted_after_use()
    {
        await _kind.ApplyAsync(Context(), CancellationToken.None);

        var modes = _aws.Tools.State["lambda_file_modes"]!["imaging-db-test-initdb"]!;
        if (!OperatingSystem.IsWindows())
        {
            modes["payload"]!.GetValue<string>().Should().Be("600");
            modes["outfile"]!.GetValue<string>().Should().Be("600");
        }

        Directory.GetFiles(_aws.Project.Path, "*.json", SearchOption.AllDirectories).Should().NotContain(f => Path.GetFileName(f).StartsWith("payload-", StringComparison.Ordinal)
            || Path.GetFileName(f).StartsWith("response-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_function_error_fails_the_stage_with_the_functions_error_payload()
    {
        _aws.Tools.Control(new
        {
            lambda_errors = new Dictionary<string, object>
            {
                ["imaging-db-test-initdb"] = new { errorMessage = "relation \"images\" already exists", errorType = "ProgrammingError", stackTrace = new[] { "  File \"/var/task/handler.py\", line 12, in initdb" } },
            },
        });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Be("SC-AWS-0401: function imaging-db-test-initdb failed (Unhandled): relation \"images\" already exists");
        failure.Details.Should().Contain("errorType: ProgrammingError").And.Contain(l => l.Contains("handler.py", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttled_invocations_are_retried()
    {
        _aws.Tools.Control(new { throttle = new Dictionary<string, int> { ["aws lambda invoke"] = 2 } });

        await _kind.ApplyAsync(Context(), CancellationToken.None);

        _aws.Tools.Of("lambda", "invoke").Should().HaveCount(3);
    }

    [Theory]
    [InlineData("Read timeout on endpoint URL: \"https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/imaging-db-test-initdb/invocations\"", null)]
    [InlineData(null, "InternalFailure")]
    public async Task An_invoke_that_may_have_run_is_not_retried(string? stderr, string? code)
    {
        object failure = stderr is not null ? new { stderr, exit = 255, times = 1 } : new { code, message = "Internal error", times = 1 };
        _aws.Tools.Control(new { fail = new Dictionary<string, object> { ["aws lambda invoke"] = failure } });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        await act.Should().ThrowAsync<AwsException>();
        var invoke = _aws.Tools.Of("lambda", "invoke").Should().ContainSingle("the function may have run: running it again is not safe").Which;
        invoke.Option("--cli-read-timeout").Should().Be("0", "the CLI's own 60 s read timeout would invoke a long function again");
    }

    [Fact]
    public async Task A_missing_function_is_reported_as_aws_says_it()
    {
        _aws.Tools.Control(new { lambda_missing = new[] { "imaging-db-test-initdb" } });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        (await act.Should().ThrowAsync<AwsException>()).Which.Message.Should().Contain("ResourceNotFoundException").And.Contain("Function not found");
    }

    [Fact]
    public async Task A_hanging_invocation_times_out_and_Ctrl_C_stops_it()
    {
        _aws.Tools.Control(new { hang = new[] { "aws lambda invoke" } });

        var timedOut = () => _kind.ApplyAsync(Context(timeout: "1s"), CancellationToken.None);
        (await timedOut.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().StartWith("SC-AWS-0009");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var cancelled = () => _kind.ApplyAsync(Context(), cts.Token);
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
    }
}
