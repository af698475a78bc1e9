using System.Diagnostics;
using Stagecraft.Host;

namespace Stagecraft.Integration.Tests.State;

/// <summary>The host facts the state lock relies on to tell a dead holder from a live one.</summary>
public sealed class SystemHostInfoTests
{
    private readonly SystemHostInfo _host = new();

    [Fact]
    public void Own_process_has_a_stable_start()
    {
        var first = _host.ProcessStart(Environment.ProcessId);

        first.Should().NotBeNull();
        _host.ProcessStart(Environment.ProcessId).Should().Be(first);
        _host.ProcessId.Should().Be(Environment.ProcessId);
        _host.HostName.Should().NotBeNullOrWhiteSpace();
        _host.UserName.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_process_that_exited_has_no_start()
    {
        using var child = Process.Start(new ProcessStartInfo("true") { RedirectStandardOutput = true })!;
        var pid = child.Id;
        await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();

        _host.ProcessStart(pid).Should().BeNull();
        _host.ProcessStart(int.MaxValue).Should().BeNull();
        _host.ProcessStart(0).Should().BeNull();
    }

    [Fact]
    public void Start_time_is_read_after_the_last_parenthesis_of_the_command_name()
    {
        // comm may contain spaces and ')': "(a) b (c))" must not shift the fields.
        var fields = string.Join(' ', Enumerable.Range(4, 19).Select(n => n == 22 ? "987654" : n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var stat = $"4321 (a) b (c)) S {fields} 23 24";

        SystemHostInfo.ParseStartTime(stat).Should().Be(987654);
        SystemHostInfo.ParseStartTime(stat.Replace(") S ", ") Z ", StringComparison.Ordinal)).Should().BeNull("a zombie has exited");
        SystemHostInfo.ParseStartTime("4321 (truncated").Should().BeNull();
        SystemHostInfo.ParseStartTime("4321 (x) S 1 2").Should().BeNull();
    }

    [Fact]
    public void Environment_variables_come_from_this_process()
    {
        var name = "STAGECRAFT_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "value");
        try
        {
            _host.GetEnvironmentVariable(name).Should().Be("value");
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        _host.GetEnvironmentVariable(name).Should().BeNull();
    }
}
