using System.Reflection;

namespace Stagecraft.Integration.Tests.Design;

/// <summary>The arrows between the projects (docs/architecture.md), read from the built assemblies' metadata.</summary>
public sealed class AssemblyReferenceTests
{
    private static readonly Assembly CoreAssembly = typeof(global::Stagecraft.Core.Engine.RunEngine).Assembly;
    private static readonly Assembly HostAssembly = typeof(global::Stagecraft.Host.SystemHostInfo).Assembly;
    private static readonly Assembly AwsAssembly = typeof(global::Stagecraft.Aws.AwsKinds).Assembly;

    [Fact]
    public void Core_uses_no_other_project_of_ours()
    {
        Closure(CoreAssembly).Where(n => n.StartsWith("Stagecraft.", StringComparison.Ordinal)).Should().Equal("Stagecraft.Core");
    }

    [Fact]
    public void Host_uses_only_core_of_ours_and_no_web_or_database_library()
    {
        Closure(HostAssembly).Where(n => n.StartsWith("Stagecraft.", StringComparison.Ordinal)).Should().BeEquivalentTo("Stagecraft.Core", "Stagecraft.Host");
        Closure(HostAssembly).Should().NotContain(n => IsHeavy(n));
    }

    [Fact]
    public void Aws_uses_core_and_host_but_neither_asp_net_core_nor_sqlite_nor_npgsql()
    {
        var closure = Closure(AwsAssembly);

        closure.Where(n => n.StartsWith("Stagecraft.", StringComparison.Ordinal)).Should().BeEquivalentTo("Stagecraft.Aws", "Stagecraft.Core", "Stagecraft.Host");
        closure.Should().NotContain(n => IsHeavy(n));
    }

    private static bool IsHeavy(string name) =>
        name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)
        || name.StartsWith("Npgsql", StringComparison.Ordinal) || name.StartsWith("SQLitePCL", StringComparison.Ordinal);

    // Every assembly reachable through references recorded in metadata, starting from one of ours.
    private static List<string> Closure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!) || reference.Name!.StartsWith("System", StringComparison.Ordinal))
                {
                    continue;
                }

                try
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
                catch (FileNotFoundException)
                {
                    // Not deployed beside the tests: its name is recorded, its own references are not followed.
                }
            }
        }

        return seen.Order(StringComparer.Ordinal).ToList();
    }
}
