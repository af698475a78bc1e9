using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>A moto_server per test class: xunit starts it before the class's first test and kills it after its last.</summary>
public sealed class MotoFixture : MotoServer, IAsyncLifetime
{
}
