namespace Stagecraft.Aws.Ami;

/// <summary>
/// Boots the base image with the user data, waits for both status checks, makes an image of it
/// and waits until it is available. The temporary instance is terminated however this ends:
/// success, failure or Ctrl-C (with a token that is not cancelled).
/// </summary>
internal sealed class AmiBuilder(IEc2 ec2, StageContext context, TimeSpan interval)
{
    public const string InstanceDataKey = "builder_instance";


    private IStageLog Log => context.Log;

    public async Task<MachineImage> BuildAsync(string name, string baseImage, AmiSettings settings, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = name + "-builder",
            ["stagecraft:project"] = context.Project,
            ["stagecraft:environment"] = context.Environment.Name,
            ["stagecraft:stage"] = context.Stage,
        };
        Log.Status("launching builder instance");
        // Not cancellable: once EC2 has accepted the launch, cancelling would lose the instance's
        // id and so leak the instance. Cancellation is honoured right after, inside the try.
        var instance = await ec2.RunInstanceAsync(new InstanceLaunch(baseImage, settings.InstanceType, settings.UserData, settings.SubnetId,
            settings.SecurityGroupIds, settings.InstanceProfile, tags, StopOnShutdown: settings.ReadyWhen == ReadyWhen.Stopped), CancellationToken.None).ConfigureAwait(false);
        try
        {
            Log.Line($"# launched {instance} from {baseImage} ({settings.InstanceType})");
            // Remembered so a crashed run's instance is terminated by the next one.
            await context.SetDataAsync(InstanceDataKey, instance.Value, CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await (settings.ReadyWhen switch
            {
                ReadyWhen.Stopped => WaitStoppedAsync(instance, cancellationToken),
                ReadyWhen.CloudInit => WaitCloudInitAsync(instance, cancellationToken),
                _ => WaitReadyAsync(instance, cancellationToken),
            }).ConfigureAwait(false);
            Log.Status("creating image");
            var imageTags = new Dictionary<string, string>(tags) { ["Name"] = name };
            var imageId = await ec2.CreateImageAsync(instance, name, $"Built by stagecraft from {baseImage}", imageTags, cancellationToken).ConfigureAwait(false);
            Log.Line($"# creating image {imageId} ({name})");
            return await WaitAvailableAsync(imageId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await TerminateAsync(instance).ConfigureAwait(false);
        }
    }

    /// <summary>Terminates an instance a crashed earlier run left behind.</summary>
    public async Task CleanUpLeftoverAsync(CancellationToken cancellationToken)
    {
        if (await context.GetDataAsync(InstanceDataKey, cancellationToken).ConfigureAwait(false) is { Length: > 0 } leftover)
        {
            Log.Line($"# an earlier run left builder instance {leftover}: terminating it");
            await TerminateAsync(new InstanceId(leftover)).ConfigureAwait(false);
        }
    }

    public async Task<MachineImage> WaitAvailableAsync(ImageId imageId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var image = await ec2.DescribeImageAsync(imageId, cancellationToken).ConfigureAwait(false);
            Log.Status($"image {imageId}: {image?.State ?? "not visible yet"}");
            if (image is { IsAvailable: true })
            {
                return image;
            }

            if (image is not null && !image.IsPending)
            {
                throw new StageFailedException($"{AwsErrorCode.AmiFailed}: image {imageId} ended in state {image.State}", [image.StateReason ?? "EC2 gave no reason"]);
            }

            await Wait.Between(interval, context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitReadyAsync(InstanceId instance, CancellationToken cancellationToken)
    {
        while (true)
        {
            var health = await ec2.DescribeInstanceAsync(instance, cancellationToken).ConfigureAwait(false);
            Log.Status($"{instance}: {health?.State ?? "pending"}, checks {health?.SystemStatus ?? "-"}/{health?.InstanceStatus ?? "-"}");
            if (health is { IsReady: true })
            {
                Log.Line($"# {instance} is running and passed both status checks");
                return;
            }

            if (health is { IsGone: true })
            {
                throw new StageFailedException($"{AwsErrorCode.AmiFailed}: builder instance {instance} is {health.State} before its image was made",
                    hint: "check the user data: it must not shut the instance down; the console output of the instance shows what it did");
            }

            await Wait.Between(interval, context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>ready_when: stopped. The user data's last act is to shut the builder down; it was launched to stop, not terminate, on shutdown.</summary>
    private async Task WaitStoppedAsync(InstanceId instance, CancellationToken cancellationToken)
    {
        while (true)
        {
            var health = await ec2.DescribeInstanceAsync(instance, cancellationToken).ConfigureAwait(false);
            Log.Status($"{instance}: {health?.State ?? "pending"}, waiting for the user data to shut it down");
            if (health is { IsStopped: true })
            {
                Log.Line($"# {instance} has stopped: its user data has finished");
                return;
            }

            if (health is { IsTerminating: true })
            {
                throw new StageFailedException($"{AwsErrorCode.AmiFailed}: builder instance {instance} is {health.State} instead of stopped",
                    hint: "with ready_when: stopped the user data ends with 'shutdown -h now'; something terminated the builder instead (an API call, or Spot)");
            }

            await Wait.Between(interval, context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>ready_when: cloud_init. cloud-init prints "Cloud-init v. … finished at" on the console when the user data has run.</summary>
    private async Task WaitCloudInitAsync(InstanceId instance, CancellationToken cancellationToken)
    {
        while (true)
        {
            var health = await ec2.DescribeInstanceAsync(instance, cancellationToken).ConfigureAwait(false);
            if (health is { IsGone: true })
            {
                throw new StageFailedException($"{AwsErrorCode.AmiFailed}: builder instance {instance} is {health.State} before cloud-init finished",
                    hint: "with ready_when: cloud_init the user data must not shut the builder down (use ready_when: stopped for that)");
            }

            var console = health is { State: "running" } ? await ec2.GetConsoleOutputAsync(instance, cancellationToken).ConfigureAwait(false) : null;
            if (console is not null && CloudInitConsole.UserDataFailed(console))
            {
                throw new StageFailedException($"{AwsErrorCode.AmiFailed}: the user data of builder instance {instance} failed", CloudInitConsole.LastLines(console, 20),
                    "the lines above are the end of the console output; cloud-init's full log on an instance is /var/log/cloud-init-output.log");
            }

            if (console is not null && CloudInitConsole.Finished(console))
            {
                Log.Line($"# cloud-init on {instance} has finished: its user data has run");
                return;
            }

            Log.Status($"{instance}: {health?.State ?? "pending"}, waiting for cloud-init to finish");
            await Wait.Between(interval, context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TerminateAsync(InstanceId instance)
    {
        try
        {
            await ec2.TerminateInstanceAsync(instance, CancellationToken.None).ConfigureAwait(false);
            Log.Line($"# terminated builder instance {instance}");
            await context.SetDataAsync(InstanceDataKey, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AwsException ex)
        {
            // Kept in stage data: the next run tries again.
            Log.Line($"# could not terminate builder instance {instance}: {ex.Message}; terminate it by hand if the next run does not");
        }
    }
}
