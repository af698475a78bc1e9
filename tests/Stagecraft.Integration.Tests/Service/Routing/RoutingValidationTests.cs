using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Integration.Tests.Service.Routing;

/// <summary>'stagecraft validate' checks a service's hosts, TLS and ACME settings, and route clashes within the file.</summary>
public sealed class RoutingValidationTests
{
    private const string Header = """
        project: demo
        stages:

        """;

    [Fact]
    public void Services_sharing_an_address_by_host_and_prefix_validate()
    {
        Load("""
              notes:
                kind: service
                revision: .
                start: [app]
                listen: "0.0.0.0:443"
                hosts: [notes.example.com, www.notes.example.com]
                tls: { certificate: /etc/ssl/notes.pem, key: /etc/ssl/notes.key }
              api:
                kind: service
                revision: .
                start: [app]
                listen: "0.0.0.0:443"
                hosts: [notes.example.com]
                path_prefix: /api
                tls: { certificate: /etc/ssl/notes.pem, key: /etc/ssl/notes.key }
                trusted_proxies: [10.0.0.0/8, 192.0.2.1]
              shop:
                kind: service
                revision: .
                start: [app]
                listen: "0.0.0.0:443"
                hosts: ["*.shop.example"]
                tls: { certificate: /etc/ssl/shop.pem, key: /etc/ssl/shop.key }
                http_listen: "0.0.0.0:80"
            """).Should().NotThrow();
    }

    [Fact]
    public void Two_services_claiming_one_host_on_one_address_are_reported_at_the_second()
    {
        var diagnostics = Diagnostics("""
              notes:
                kind: service
                revision: .
                start: [app]
                listen: "0.0.0.0:8080"
                hosts: [notes.example.com]
              notes2:
                kind: service
                revision: .
                start: [app]
                listen: "0.0.0.0:8080"
                hosts: [www.example.com, NOTES.example.com]
            """);

        var clash = diagnostics.Should().ContainSingle().Which;
        clash.Location.Line.Should().Be(13);
        clash.Location.Column.Should().Be(14);
        clash.Message.Should().Contain("stage 'notes' and stage 'notes2' both claim host notes.example.com on 0.0.0.0:8080");
    }

    [Fact]
    public void Two_services_without_hosts_on_one_address_clash_and_a_prefix_tells_them_apart()
    {
        var diagnostics = Diagnostics("""
              a:
                kind: service
                revision: .
                start: [app]
                listen: "127.0.0.1:8080"
              b:
                kind: service
                revision: .
                start: [app]
                listen: "localhost:8080"
              c:
                kind: service
                revision: .
                start: [app]
                listen: "127.0.0.1:8080"
                path_prefix: /api/
            """);

        diagnostics.Should().ContainSingle().Which.Message.Should().Contain("stage 'a' and stage 'b' both claim the default route of 127.0.0.1:8080");
    }

    [Fact]
    public void ACME_needs_http_listen_and_hosts_without_wildcards()
    {
        var diagnostics = Diagnostics("""
              notes:
                kind: service
                revision: .
                start: [app]
                listen: "0.0.0.0:443"
                hosts: [notes.example.com, "*.example.com"]
                tls:
                  acme: { email: ops@example.com }
            """);

        diagnostics.Select(d => (d.Location.Line, d.Message)).Should().Contain(d => d.Line == 10 && d.Message.Contains("needs 'http_listen'"))
            .And.Contain(d => d.Line == 8 && d.Message.Contains("a wildcard certificate cannot be had by HTTP-01"))
            .And.NotContain(d => d.Message.Contains("not available in this build"), "this build plugs in the ACME client");
    }

    [Fact]
    public void Bad_hosts_prefixes_addresses_and_tls_are_reported_with_locations()
    {
        var diagnostics = Diagnostics("""
              notes:
                kind: service
                revision: .
                start: [app]
                listen: "example.com:443"
                hosts: [bad_name.example]
                path_prefix: api
                http_listen: "0.0.0.0:80"
                trusted_proxies: [10.0.0.0/33]
                tls: { certificate: /etc/ssl/notes.pem }
            """);

        diagnostics.Select(d => d.Location.Line).Should().Contain([7, 8, 9, 11, 12]);
    }

    private static Action Load(string stages) => () => ProjectLoader.Parse(Header + stages, "stagecraft.yml", Path.GetTempPath(), StagecraftCatalog.Create());

    private static IReadOnlyList<Diagnostic> Diagnostics(string stages) =>
        Load(stages).Should().Throw<InvalidInputException>().Which.Diagnostics;
}
