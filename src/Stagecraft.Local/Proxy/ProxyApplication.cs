using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http.Features;

namespace Stagecraft.Local.Proxy;

/// <summary>
/// The whole request pipeline Kestrel runs: no generic host, no middleware, one context object reused per
/// connection. A host would also hook process signals, which a library inside the agent must not do.
/// </summary>
internal sealed class ProxyApplication(Func<HttpContext, Task> handler) : IHttpApplication<DefaultHttpContext>
{
    public DefaultHttpContext CreateContext(IFeatureCollection contextFeatures)
    {
        if (contextFeatures is IHostContextContainer<DefaultHttpContext> container)
        {
            if (container.HostContext is { } reused)
            {
                reused.Initialize(contextFeatures);
                return reused;
            }

            var created = new DefaultHttpContext(contextFeatures);
            container.HostContext = created;
            return created;
        }

        return new DefaultHttpContext(contextFeatures);
    }

    public Task ProcessRequestAsync(DefaultHttpContext context) => handler(context);

    public void DisposeContext(DefaultHttpContext context, Exception? exception) => context.Uninitialize();
}
