using System.Globalization;
using System.Net;
using System.Text.Json;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Service.Routing;

/// <summary>Services of several projects on one address of every interface, routed by Host, through the real CLI and agent.</summary>
public sealed class SharedAddressDeployTests
{
    [Fact]
    public async Task Projects_share_an_address_by_host_and_a_clash_is_refused_with_exit_2_changing_nothing()
    {
        await using var agent = new AgentSandbox();
        using var root = new TempDirectory("shared");
        var port = FreePort.Next();
        var notes = Project(root, "notes", port, "hosts: [notes.example.com, www.notes.example.com]");
        var shop = Project(root, "shop", port, "hosts: [\"*.shop.example\"]");
        var copycat = Project(root, "copycat", port, "hosts: [www.notes.example.com]");

        var first = await CliProcess.RunAsync(notes, agent.Environment, "deploy", "--yes");
        first.ExitCode.Should().Be(0, first.ToString());
        var second = await CliProcess.RunAsync(shop, agent.Environment, "deploy", "--yes");
        second.ExitCode.Should().Be(0, second.ToString());

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
        (await VersionAsync(http, "notes.example.com")).Should().Be("notes");
        (await VersionAsync(http, "www.notes.example.com")).Should().Be("notes");
        (await VersionAsync(http, "eu.shop.example")).Should().Be("shop");
        using (var unknown = await SendAsync(http, "nobody.example"))
        {
            unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await unknown.Content.ReadAsStringAsync()).Should().Be("404: no service here for this host\n");
        }

        var clash = await CliProcess.RunAsync(copycat, agent.Environment, "deploy", "--yes");

        clash.ExitCode.Should().Be(2, clash.ToString());
        clash.Output.Should().Contain("notes/local/web").And.Contain("copycat/local/web").And.Contain("www.notes.example.com");
        (await agent.StatusAsync())!.Services.Select(s => s.Id).Should().BeEquivalentTo(["notes/local/web", "shop/local/web"]);
        (await VersionAsync(http, "www.notes.example.com")).Should().Be("notes");

        var accessLog = Path.Combine(agent.Directory, "services", "notes", "local", "web", "logs", "access.log");
        var entries = File.ReadAllLines(accessLog).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        entries.Should().Contain(e => e.GetProperty("host").GetString() == "www.notes.example.com" && e.GetProperty("status").GetInt32() == 200
            && e.GetProperty("release").GetString() == "r1" && e.GetProperty("path").GetString() == "/");
    }

    private static string Project(TempDirectory root, string name, int port, string routing)
    {
        var directory = root.Combine(name);
        TestAppFiles.CopyTo(Path.Combine(directory, "app"), name);
        File.WriteAllText(Path.Combine(directory, "stagecraft.yml"), $"""
            project: {name}
            environments:
              local:
                target: local
            stages:
              web:
                kind: service
                revision: app
                start: ["dotnet", "Stagecraft.TestApp.dll"]
                listen: "0.0.0.0:{port.ToString(CultureInfo.InvariantCulture)}"
                {routing}
                health: {"{"} path: /healthz, interval: 100ms, timeout: 1s, healthy_threshold: 2, grace: 20s {"}"}
                stop_timeout: 5s
                drain_timeout: 2s
                env:
                  APP_VERSION: "{name}"
            """);
        return directory;
    }

    private static async Task<string> VersionAsync(HttpClient http, string host)
    {
        using var response = await SendAsync(http, host);
        response.StatusCode.Should().Be(HttpStatusCode.OK, host);
        return response.Headers.GetValues("X-Version").Single();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;
        return await http.SendAsync(request);
    }
}
