namespace Stagecraft.Core.Kinds;

/// <summary>A tiny type-to-instance map; targets hand their services to kinds through it.</summary>
public sealed class SimpleServiceProvider : IServiceProvider
{
    private readonly Dictionary<Type, object> _services = [];

    public SimpleServiceProvider Add<T>(T service)
        where T : class
    {
        _services[typeof(T)] = service;
        return this;
    }

    public object? GetService(Type serviceType) => _services.GetValueOrDefault(serviceType);
}
