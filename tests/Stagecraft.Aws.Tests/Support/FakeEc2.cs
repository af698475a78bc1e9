using System.Collections.Concurrent;
using Stagecraft.Aws.Ec2;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>
/// EC2 in memory: an instance becomes ready after <see cref="PollsUntilReady"/> polls, an image
/// available after one. Knobs make images fail or instances never get ready. Like EC2 (eventually
/// consistent), a new instance or image is not visible on its first poll: null, as SdkEc2 turns
/// InvalidInstanceID.NotFound / InvalidAMIID.NotFound into null.
/// </summary>
internal sealed class FakeEc2 : IEc2
{
    private readonly object _gate = new();
    private readonly HashSet<string> _seen = [];
    private int _ids;

    public ConcurrentDictionary<string, MachineImage> Images { get; } = new();

    public ConcurrentDictionary<string, int> InstancePolls { get; } = new();

    public ConcurrentQueue<InstanceLaunch> Launches { get; } = new();

    public ConcurrentQueue<string> Terminated { get; } = new();

    public ConcurrentQueue<string> Deregistered { get; } = new();

    public int PollsUntilReady { get; set; } = 2;

    /// <summary>What user data ending in 'shutdown -h now' does: a builder launched to stop on shutdown stops once ready.</summary>
    public bool UserDataShutsDown { get; set; }

    private readonly ConcurrentBag<string> _stopsByItself = [];

    public bool NeverReady { get; set; }

    public bool ImagesFail { get; set; }

    /// <summary>Runs after EC2 has accepted a launch, before the reply: a test cancels here.</summary>
    public Action? OnLaunched { get; set; }

    public TaskCompletionSource WaitingForReady { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<MachineImage?> FindImageByNameAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Images.Values.FirstOrDefault(i => i.Name == name && i.State != "deregistered"));

    public Task<MachineImage?> DescribeImageAsync(ImageId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!Images.TryGetValue(id.Value, out var image) || _seen.Add(id.Value))
            {
                return Task.FromResult<MachineImage?>(null);
            }

            // An image is pending on its first look and settles on the next.
            Images[id.Value] = image.IsPending ? image with { State = ImagesFail ? "failed" : "available", StateReason = ImagesFail ? "Client.InternalError: snapshot failed" : null } : image;
            return Task.FromResult<MachineImage?>(image);
        }
    }

    public Task<InstanceId> RunInstanceAsync(InstanceLaunch launch, CancellationToken cancellationToken)
    {
        var id = $"i-{Interlocked.Increment(ref _ids):D17}";
        Launches.Enqueue(launch);
        InstancePolls[id] = 0;
        if (launch.StopOnShutdown && UserDataShutsDown)
        {
            _stopsByItself.Add(id);
        }

        OnLaunched?.Invoke();
        // Like the SDK: a cancelled token loses the reply, though the instance is running.
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new InstanceId(id));
    }

    public Task<InstanceHealth?> DescribeInstanceAsync(InstanceId id, CancellationToken cancellationToken)
    {
        if (Terminated.Contains(id.Value))
        {
            return Task.FromResult<InstanceHealth?>(new InstanceHealth("terminated", null, null));
        }

        WaitingForReady.TrySetResult();
        if (States.TryGetValue(id.Value, out var state))
        {
            return Task.FromResult<InstanceHealth?>(new InstanceHealth(state, null, null));
        }

        lock (_gate)
        {
            if (_seen.Add(id.Value))
            {
                return Task.FromResult<InstanceHealth?>(null);
            }
        }

        var polls = InstancePolls.AddOrUpdate(id.Value, 1, (_, n) => n + 1);
        var ready = !NeverReady && polls > PollsUntilReady;
        if (ready && _stopsByItself.Contains(id.Value))
        {
            return Task.FromResult<InstanceHealth?>(new InstanceHealth("stopped", null, null));
        }

        return Task.FromResult<InstanceHealth?>(ready ? new InstanceHealth("running", "ok", "ok") : new InstanceHealth(polls > 1 ? "running" : "pending", "initializing", "initializing"));
    }

    public Task<ImageId> CreateImageAsync(InstanceId instance, string name, string description, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var id = $"ami-{Interlocked.Increment(ref _ids):D17}";
        Images[id] = new MachineImage(new ImageId(id), name, "pending");
        return Task.FromResult(new ImageId(id));
    }

    public Task TerminateInstanceAsync(InstanceId id, CancellationToken cancellationToken)
    {
        Terminated.Enqueue(id.Value);
        return Task.CompletedTask;
    }

    /// <summary>Console output per instance: a test writes what cloud-init would print.</summary>
    public ConcurrentDictionary<string, string> Consoles { get; } = new();

    public ConcurrentQueue<(string Image, IReadOnlyList<string> Accounts, string? OrganizationArn)> Shares { get; } = new();

    /// <summary>Instances a test stopped (what user data ending in 'shutdown -h now' does).</summary>
    public ConcurrentDictionary<string, string> States { get; } = new();

    public Task<MachineImage?> FindNewestImageAsync(string namePattern, IReadOnlyList<string> owners, CancellationToken cancellationToken)
    {
        var regex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(namePattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$");
        return Task.FromResult(Images.Values.Where(i => i.IsAvailable && regex.IsMatch(i.Name)).OrderByDescending(i => i.Name, StringComparer.Ordinal).FirstOrDefault());
    }

    public Task ShareImageAsync(ImageId id, IReadOnlyList<string> accounts, string? organizationArn, CancellationToken cancellationToken)
    {
        Shares.Enqueue((id.Value, accounts, organizationArn));
        return Task.CompletedTask;
    }

    public Task<string?> GetConsoleOutputAsync(InstanceId id, CancellationToken cancellationToken) =>
        Task.FromResult(Consoles.GetValueOrDefault(id.Value));

    public Task DeregisterImageAsync(ImageId id, CancellationToken cancellationToken)
    {
        Deregistered.Enqueue(id.Value);
        Images.TryRemove(id.Value, out _);
        return Task.CompletedTask;
    }
}
