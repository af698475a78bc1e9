using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Agent;

/// <summary>Live instances are supervised: restarted when they die, marked failed in a crash loop; their logs rotate.</summary>
public sealed class SupervisionTests
{
    [Fact]
    public async Task A_dead_instance_is_restarted_and_a_crash_loop_marks_the_service_failed_in_status()
    {
        await using var project = new ServiceProject();
        var marker = Path.Combine(project.Path, "crash-from-now-on");
        project.Write(new() { ["APP_VERSION"] = "v1", ["CRASH_IF_EXISTS"] = marker });
        await project.DeployOkAsync();
        using var http = new HttpClient();
        var first = (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Instances.Single().Pid!.Value;

        await CrashAsync(http, project.Url);
        await Eventually.TrueAsync(async () => (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Instances.Single() is { State: "running", Restarts: 1 } i && i.Pid != first,
            TimeSpan.FromSeconds(30), "the instance to be restarted");
        await Eventually.TrueAsync(async () => (await http.GetAsync(project.Url)).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the restarted instance to serve");

        File.WriteAllText(marker, "");
        await CrashAsync(http, project.Url);
        await Eventually.TrueAsync(async () => (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).State == "failed", TimeSpan.FromSeconds(60), "a crash loop");

        var status = await project.RunAsync("status");
        status.Output.Should().Contain("failed").And.Contain("crash loop");
        var agentStatus = await CliProcess.RunAsync(project.Path, project.Environment, "agent", "status");
        agentStatus.Output.Should().Contain("svc/local/web: failed").And.Contain("crash loop");
    }

    [Fact]
    public async Task Instance_logs_rotate_by_size_and_keep_only_what_is_asked()
    {
        await using var project = new ServiceProject();
        project.Write(extra: "    logs: { max_size: 4KB, keep: 2 }\n");
        await project.DeployOkAsync();
        var log = (await project.Agent.ServiceAsync(ServiceProject.ServiceId)).Instances.Single().LogFile;
        using var http = new HttpClient();

        (await http.GetAsync(new Uri(project.Url, "log?lines=300"))).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => File.Exists(log + ".2") && File.ReadAllText(log).Contains("log line 299", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the log to roll twice");
        File.Exists(log + ".3").Should().BeFalse("only 2 rolled files are kept");
        new[] { log, log + ".1", log + ".2" }.Should().OnlyContain(f => new FileInfo(f).Length <= 4096);
        File.GetUnixFileMode(log).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static async Task CrashAsync(HttpClient http, Uri url)
    {
        try
        {
            await http.GetAsync(new Uri(url, "crash"));
        }
        catch (HttpRequestException)
        {
            // The instance died under the request, as asked.
        }
    }
}
