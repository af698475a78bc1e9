using System.Runtime.CompilerServices;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>This assembly's part of the test port range (the AWS tests run beside it, in another process).</summary>
internal static class PortRange
{
    [ModuleInitializer]
    internal static void Claim() => FreePort.UseRange(20000, 8000);
}
