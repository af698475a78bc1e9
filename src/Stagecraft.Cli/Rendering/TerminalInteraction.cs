namespace Stagecraft.Cli.Rendering;

/// <summary>Asks the operator at the terminal, pausing the live view while the question is open.</summary>
internal sealed class TerminalInteraction(IAnsiConsole console, bool canPrompt, LiveRunObserver? live) : IInteraction
{
    private readonly LiveRunObserver? _live = live;
    private readonly SemaphoreSlim _oneQuestionAtATime = new(1, 1);

    public bool CanPrompt { get; } = canPrompt;

    public async Task<bool> ConfirmAsync(string title, string body, CancellationToken cancellationToken)
    {
        await _oneQuestionAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Task<bool> Ask()
            {
                console.WriteLine();
                console.MarkupLine($"[yellow bold]{Markup.Escape(title)}[/]");
                foreach (var line in body.Split('\n'))
                {
                    console.MarkupLine("  " + Markup.Escape(line.TrimEnd()));
                }

                return console.ConfirmAsync("Done, continue?", defaultValue: false, cancellationToken);
            }

            return _live is null ? await Ask().ConfigureAwait(false) : await _live.ExclusiveAsync(Ask).ConfigureAwait(false);
        }
        finally
        {
            _oneQuestionAtATime.Release();
        }
    }
}
