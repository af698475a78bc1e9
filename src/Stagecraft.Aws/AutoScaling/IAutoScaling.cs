using Stagecraft.Aws.CodeDeploy;

namespace Stagecraft.Aws.AutoScaling;

/// <summary>The Auto Scaling calls the codedeploy kind makes: its first fleet, keeping fleets on $Latest, cleaning up a failed green fleet.</summary>
internal interface IAutoScaling
{
    Task<bool> GroupExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>The launch template and version the group launches from; null when the group does not exist.</summary>
    Task<LaunchTemplateUse?> LaunchTemplateOfAsync(string name, CancellationToken cancellationToken);

    /// <summary>Makes the group from the fleet's launch template at $Latest.</summary>
    Task CreateGroupAsync(string name, FleetSpec fleet, CancellationToken cancellationToken);

    /// <summary>Points the group at the launch template's $Latest (instances launched from now on use it).</summary>
    Task UseLatestAsync(string name, string launchTemplate, CancellationToken cancellationToken);

    /// <summary>Deletes the group and terminates its instances.</summary>
    Task DeleteGroupAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A launch template by name (or id, when the group names it so) and version ("$Latest", "$Default" or a number).</summary>
internal sealed record LaunchTemplateUse(string? Name, string? Id, string? Version);
