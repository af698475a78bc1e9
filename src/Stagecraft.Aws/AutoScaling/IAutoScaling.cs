namespace Stagecraft.Aws.AutoScaling;

/// <summary>The Auto Scaling calls the codedeploy kind makes to clean up a failed green fleet.</summary>
internal interface IAutoScaling
{
    Task<bool> GroupExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>Deletes the group and terminates its instances.</summary>
    Task DeleteGroupAsync(string name, CancellationToken cancellationToken);
}
