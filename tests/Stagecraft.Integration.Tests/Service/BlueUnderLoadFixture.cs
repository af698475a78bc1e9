using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Service;

/// <summary>One blue release (v1) serving continuous load, shared by tests that try green releases against it.</summary>
public sealed class BlueUnderLoadFixture : IAsyncLifetime
{
    public ServiceProject Project { get; } = new();

    public LoadClient Load { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Project.Write();
        var result = await Project.DeployAsync();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("blue did not deploy: " + result);
        }

        Load = LoadClient.Start(Project.Url);
        await Load.WaitForAsync(50);
    }

    public async Task DisposeAsync()
    {
        await Load.DisposeAsync();
        await Project.DisposeAsync();
    }
}
