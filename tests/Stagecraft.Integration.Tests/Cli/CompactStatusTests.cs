using System.Text.Json;
using Stagecraft.Integration.Tests.Data;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Cli;

/// <summary>
/// status and history off a terminal (pipes, CI logs: 80 columns) print one line per stage or run
/// within the width, shorten long values with an ellipsis, and leave whole values to --json.
/// </summary>
public sealed class CompactStatusTests : IDisposable
{
    private static readonly string LongValue = "sha256:" + string.Concat(Enumerable.Repeat("0123456789abcdef", 6));
    private readonly TempDirectory _project = new("stagecraft-compact");
    private readonly TempDirectory _keys = new("stagecraft-keys");
    private readonly CliHarness _cli;

    public CompactStatusTests()
    {
        _project.Write("stagecraft.yml", $$"""
            project: compact
            stages:
              image-with-a-rather-long-name:
                kind: command
                run: ["sh", "-c", "echo digest={{LongValue}} > \"$STAGECRAFT_OUTPUT\"; echo url=http://127.0.0.1:8080/a/long/path/to/the/service >> \"$STAGECRAFT_OUTPUT\""]
              web:
                kind: command
                run: ["true"]
                depends_on: [image-with-a-rather-long-name]
            """);
        _cli = new CliHarness(_keys.Path);
    }

    private string File => _project.Combine("stagecraft.yml");

    [Fact]
    public async Task Status_fits_80_columns_one_line_per_stage_and_json_keeps_the_whole_value()
    {
        (await _cli.RunAsync(null, "deploy", "-f", File)).Exit.Should().Be(0);

        var status = await _cli.RunAsync(null, "status", "-f", File);

        status.Exit.Should().Be(0, status.ToString());
        var lines = status.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Should().OnlyContain(l => l.Length <= 80, status.Out);
        var table = lines.SkipWhile(l => !l.StartsWith("stage ", StringComparison.Ordinal)).ToList();
        table[0].Should().ContainAll("stage", "kind", "status", "deployed", "current", "last run", "outputs");
        table.Should().ContainSingle(l => l.StartsWith("image-with", StringComparison.Ordinal)).Which.Should().Contain("deployed").And.EndWith("…");
        table.Should().ContainSingle(l => l.StartsWith("web ", StringComparison.Ordinal));
        status.Out.Should().NotContain(LongValue, "a digest this long is shortened")
            .And.Contain("whole values: stagecraft status --json");

        var json = await _cli.RunAsync(null, "status", "-f", File, "--json");
        var outputs = JsonDocument.Parse(json.Out).RootElement.GetProperty("stages").EnumerateArray()
            .Single(s => s.GetProperty("stage").GetString() == "image-with-a-rather-long-name").GetProperty("outputs");
        outputs.GetProperty("digest").GetString().Should().Be(LongValue);
    }

    [Fact]
    public async Task A_status_too_long_for_its_column_follows_the_table_whole()
    {
        _project.Write("stagecraft.yml", """
            project: compact
            stages:
              broken:
                kind: command
                run: ["sh", "-c", "echo the database refused the connection because its certificate expired >&2; exit 3"]
            """);
        (await _cli.RunAsync(null, "deploy", "-f", File)).Exit.Should().Be(1);

        var status = await _cli.RunAsync(null, "status", "-f", File);

        status.Exit.Should().Be(0, status.ToString());
        var lines = status.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var json = await _cli.RunAsync(null, "status", "-f", File, "--json");
        var whole = JsonDocument.Parse(json.Out).RootElement.GetProperty("stages").EnumerateArray().Single().GetProperty("status").GetString();
        whole.Should().StartWith("failed (").And.Match(w => w.Length > 20, "the error makes it longer than the column");
        lines.Should().ContainSingle(l => l.StartsWith("broken ", StringComparison.Ordinal)).Which.Should().NotContain(whole!);
        lines.Should().Contain($"broken: {whole}", "why a stage is unwell is never cut");
    }

    [Fact]
    public async Task History_fits_80_columns_one_line_per_run()
    {
        (await _cli.RunAsync(null, "deploy", "-f", File)).Exit.Should().Be(0);
        (await _cli.RunAsync(null, "deploy", "-f", File, "--force", "web")).Exit.Should().Be(0);

        var history = await _cli.RunAsync(null, "history", "-f", File);

        history.Exit.Should().Be(0, history.ToString());
        var lines = history.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Should().OnlyContain(l => l.Length <= 80, history.Out);
        lines[0].Should().ContainAll("run", "verb", "status", "started (UTC)", "took", "by", "note");
        lines.Skip(1).Should().HaveCount(2).And.OnlyContain(l => l.Contains("deploy", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal)
            && l.Contains("tester@test-host", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _project.Dispose();
        _keys.Dispose();
    }
}
