using System.Text.Json.Nodes;

namespace Stagecraft.FakeAws;

/// <summary>
/// cdk deploy/destroy in the app directory: each stack appears with control.cdk_outputs[stack], written to --outputs-file.
/// cdk bootstrap aws://ACCOUNT/REGION: state.cdkBootstrap[environment] keeps the region the call had in AWS_REGION
/// and its app directory; a second bootstrap of an environment reports "(no changes)".
/// </summary>
internal static class CdkFake
{
    public static string Run(FakeState state, Args args)
    {
        if (!File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "cdk.json")))
        {
            throw new FakeError(1, "--app is required either in command-line, in cdk.json or in ~/.cdk.json");
        }

        var verb = args.Positional.FirstOrDefault() ?? "";
        var stacks = args.Positional.Skip(1).ToList();
        if (verb == "destroy")
        {
            stacks.ForEach(s => CloudFormationFake.Stacks(state).Remove(s));
            return string.Concat(stacks.Select(s => $" ✅  {s}: destroyed\n"));
        }

        if (verb == "bootstrap")
        {
            return Bootstrap(state, args);
        }

        if (verb != "deploy")
        {
            throw new FakeError(1, $"Unknown command: {verb}");
        }

        if (args.Get("--require-approval") != "never")
        {
            throw new FakeError(1, "This deployment will make potentially sensitive changes; approval is needed but no TTY is attached");
        }

        var file = new JsonObject();
        foreach (var stack in stacks)
        {
            var outputs = state.ControlSection("cdk_outputs")[stack]?.DeepClone() as JsonObject ?? new JsonObject();
            CloudFormationFake.PutStack(state, stack, outputs);
            file[stack] = outputs.DeepClone();
        }

        state.Section("cdkContext")[string.Join(",", stacks)] = new JsonArray(args.All("--context").Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
        if (args.Get("--outputs-file") is { } path)
        {
            File.WriteAllText(path, file.ToJsonString());
        }

        return string.Concat(stacks.Select(s => $"\n ✅  {s}\n\nStack ARN:\narn:aws:cloudformation:eu-west-2:{FakeState.Account}:stack/{s}/1\n"));
    }

    private static string Bootstrap(FakeState state, Args args)
    {
        if (args.Get("--app") is not "")
        {
            throw new FakeError(1, "Subprocess exited with error 1 (the app ran: pass --app \"\" to bootstrap without it)");
        }

        var bootstrapped = state.Section("cdkBootstrap");
        var lines = new List<string>();
        foreach (var environment in args.Positional.Skip(1))
        {
            if (!environment.StartsWith("aws://", StringComparison.Ordinal) || environment.Split('/').Length != 4)
            {
                throw new FakeError(1, $"Expected environment name in format 'aws://<account>/<region>', got: {environment}");
            }

            var known = bootstrapped.ContainsKey(environment);
            bootstrapped[environment] = new JsonObject
            {
                ["region"] = Environment.GetEnvironmentVariable("AWS_REGION"),
                ["app_dir"] = Path.GetFileName(Directory.GetCurrentDirectory()),
                ["count"] = (bootstrapped[environment]?["count"]?.GetValue<int>() ?? 0) + 1,
            };
            lines.Add($" ⏳  Bootstrapping environment {environment}...");
            lines.Add(known ? $" ✅  Environment {environment} bootstrapped (no changes)." : $" ✅  Environment {environment} bootstrapped.");
        }

        return string.Join('\n', lines) + "\n";
    }
}
