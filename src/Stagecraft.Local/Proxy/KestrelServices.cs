using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Stagecraft.Local.Proxy;

/// <summary>
/// Kestrel's own service registrations (its metrics and HTTPS pieces are internal types) collected into a plain
/// service collection, without building a web host: a host would also hook process signals, which a library
/// inside the agent must not do.
/// </summary>
internal sealed class KestrelServices : IWebHostBuilder
{
    private readonly IServiceCollection _services;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    private KestrelServices(IServiceCollection services) => _services = services;

    public static IServiceCollection AddTo(IServiceCollection services)
    {
        new KestrelServices(services).UseKestrelCore().UseKestrelHttpsConfiguration();
        return services;
    }

    // The interface still names IWebHost; nothing is ever built here.
#pragma warning disable ASPDEPR008
    public IWebHost Build() => throw new NotSupportedException("only collects Kestrel's services");
#pragma warning restore ASPDEPR008

    public IWebHostBuilder ConfigureAppConfiguration(Action<WebHostBuilderContext, IConfigurationBuilder> configureDelegate) => this;

    public IWebHostBuilder ConfigureServices(Action<IServiceCollection> configureServices)
    {
        configureServices(_services);
        return this;
    }

    public IWebHostBuilder ConfigureServices(Action<WebHostBuilderContext, IServiceCollection> configureServices)
    {
        configureServices(new WebHostBuilderContext { Configuration = new ConfigurationBuilder().Build() }, _services);
        return this;
    }

    public string? GetSetting(string key) => _settings.GetValueOrDefault(key);

    public IWebHostBuilder UseSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }
}
