using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>'stagecraft rollback' tells the webhooks that asked for rolled_back.</summary>
public sealed class RollbackNotifyTests
{
    [Fact]
    public async Task A_rollback_sends_rolled_back_with_the_release_put_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var project = new ServiceProject();
        void Write(string version)
        {
            project.Write(new() { ["APP_VERSION"] = version });
            var file = Path.Combine(project.Path, "stagecraft.yml");
            File.WriteAllText(file, File.ReadAllText(file).Replace("project: svc\n", $"project: svc\nnotify:\n  - {{ url: \"{receiver.Url}hook\", on: [rolled_back] }}\n", StringComparison.Ordinal));
        }

        Write("v1");
        await project.DeployOkAsync();
        Write("v2");
        await project.DeployOkAsync();
        receiver.Requests.Should().BeEmpty("deploys that succeed are not what this hook asked for");

        var back = await project.RunAsync("rollback", "web");

        back.ExitCode.Should().Be(0, back.ToString());
        var message = receiver.Delivered.Single();
        message.GetProperty("event").GetString().Should().Be("rolled_back");
        message.GetProperty("verb").GetString().Should().Be("rollback");
        message.GetProperty("summary").GetString().Should().Be("web rolled back to r1");
        message.GetProperty("stages")[0].GetProperty("result").GetString().Should().Be("succeeded");
    }
}
