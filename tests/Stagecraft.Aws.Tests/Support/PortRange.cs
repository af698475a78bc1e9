using System.Runtime.CompilerServices;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>This assembly's part of the test port range (the integration tests run beside it, in another process).</summary>
internal static class PortRange
{
    [ModuleInitializer]
    internal static void Claim() => FreePort.UseRange(28000, 4000);
}
