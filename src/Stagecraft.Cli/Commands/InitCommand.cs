namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft init: writes a starter project that validates and deploys as it is.</summary>
internal sealed class InitCommand
{
    public static Command Create(CliContext cli)
    {
        var template = new Option<string>("--template") { Description = "quickstart (this machine) or aws", DefaultValueFactory = _ => "quickstart" };
        template.AcceptOnlyFromAmong(StarterTemplates.Names.ToArray());
        var directory = new Argument<string>("directory") { Description = "Where to write it (default: here)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var name = new Option<string?>("--name") { Description = "The project name (default: the directory's name)" };
        var command = new Command("init", "Write a starter stagecraft.yml.") { template, directory, name };
        command.SetAction((result, _) =>
        {
            var target = Path.GetFullPath(result.GetValue(directory) ?? ".");
            var file = Path.Combine(target, "stagecraft.yml");
            if (File.Exists(file))
            {
                throw new InvalidInputException($"{file} already exists; nothing was written", "choose another directory, or edit the existing file");
            }

            var project = result.GetValue(name) ?? StarterTemplates.ProjectName(Path.GetFileName(target));
            Directory.CreateDirectory(target);
            foreach (var (path, content) in StarterTemplates.Files(result.GetValue(template) ?? "quickstart", project))
            {
                var full = Path.Combine(target, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                if (!File.Exists(full))
                {
                    File.WriteAllText(full, content);
                    cli.Out.WriteLine($"wrote {Path.GetRelativePath(Directory.GetCurrentDirectory(), full)}");
                }
            }

            cli.Out.WriteLine($"Next: stagecraft plan -f {Path.GetRelativePath(Directory.GetCurrentDirectory(), file)}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
