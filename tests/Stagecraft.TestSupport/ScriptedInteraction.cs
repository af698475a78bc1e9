using Stagecraft.Core.Kinds;

namespace Stagecraft.TestSupport;

/// <summary>An operator who answers every confirmation with <see cref="Answer"/>, or a pipe that cannot be asked.</summary>
public sealed class ScriptedInteraction : IInteraction
{
    public static ScriptedInteraction NoTerminal { get; } = new() { CanPrompt = false };

    public bool CanPrompt { get; init; } = true;

    public bool Answer { get; init; } = true;

    public List<string> Asked { get; } = [];

    public Task<bool> ConfirmAsync(string title, string body, CancellationToken cancellationToken)
    {
        Asked.Add(title);
        return Task.FromResult(Answer);
    }
}
