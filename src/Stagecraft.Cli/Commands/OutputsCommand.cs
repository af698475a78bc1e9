namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft outputs [STAGE]: deployed outputs; secrets masked unless --show-secrets.</summary>
internal sealed class OutputsCommand
{
    public static Command Create(CliContext cli)
    {
        var stage = new Argument<string?>("stage") { Description = "Only this stage", Arity = ArgumentArity.ZeroOrOne };
        var json = ProjectVerb.Json();
        var showSecrets = new Option<bool>("--show-secrets") { Description = "Show sensitive values instead of ****" };
        return ProjectVerb.Create(cli, "outputs", "Show the outputs of deployed stages.", [stage, json, showSecrets], async (call, ct) =>
        {
            var (result, settings, session) = (call.Result, call.Settings, call.Session);
            var snapshot = await session.State.LoadAsync(ct).ConfigureAwait(false);
            var name = result.GetValue(stage);
            var records = snapshot.Stages.Values.Where(r => name is null || r.Name == name).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
            if (name is not null && records.Count == 0)
            {
                throw new InvalidInputException($"stage '{name}' has no outputs in environment '{session.Environment.Name}': it is not deployed",
                    DidYouMean.Hint(name, snapshot.Stages.Keys.ToList(), "deployed stages"));
            }

            var show = result.GetValue(showSecrets);
            string Value(Core.State.OutputValue v) => show ? v.Value : v.ToString();
            if (result.GetValue(json))
            {
                object data = name is null
                    ? records.ToDictionary(r => r.Name, r => r.Outputs.ToDictionary(o => o.Key, o => Value(o.Value)))
                    : records[0].Outputs.ToDictionary(o => o.Key, o => Value(o.Value));
                Json.Write(cli.Out, data);
                return ExitCodes.Success;
            }

            var console = cli.Console(cli.Mode(settings.NoColor));
            foreach (var record in records.Where(r => r.Outputs.Count > 0))
            {
                console.MarkupLine($"[bold]{Markup.Escape(record.Name)}[/]");
                foreach (var (key, value) in record.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    console.MarkupLine($"  {Markup.Escape(key)} = {Markup.Escape(Value(value))}");
                }
            }

            return ExitCodes.Success;
        });
    }
}
