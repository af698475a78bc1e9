using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>The ami kind's builder instances as moto holds them.</summary>
internal static class MotoBuilders
{
    /// <summary>The id of the running builder the ami stage <paramref name="stage"/> launched, or null while there is none.</summary>
    public static async Task<string?> RunningAsync(MotoServer moto, string stage)
    {
        var reservations = (await moto.AwsAsync("ec2", "describe-instances", "--filters", "Name=instance-state-name,Values=running", $"Name=tag:stagecraft:stage,Values={stage}"))!.Value.GetProperty("Reservations");
        return reservations.EnumerateArray().SelectMany(r => r.GetProperty("Instances").EnumerateArray()).Select(i => i.GetProperty("InstanceId").GetString()).FirstOrDefault();
    }
}
