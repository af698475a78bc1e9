namespace Stagecraft.Core.Kinds;

/// <summary>Asking the operator something; only possible on a terminal.</summary>
public interface IInteraction
{
    bool CanPrompt { get; }

    Task<bool> ConfirmAsync(string title, string body, CancellationToken cancellationToken);
}
