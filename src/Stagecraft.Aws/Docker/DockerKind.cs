namespace Stagecraft.Aws.Docker;

/// <summary>
/// Builds an image, tags it with the stage's content fingerprint and pushes it, unless the
/// registry already has that tag. ECR logins go through the aws CLI; the password travels on
/// standard input only. Output 'image' is repository@sha256:… so consumers pin the exact image.
/// </summary>
internal sealed partial class DockerKind : StageKind, IDriftCheck
{
    public const string KindName = "docker";

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "builds, tags (content fingerprint) and pushes an image; skipped when the registry has the tag";

    public override IReadOnlyList<string>? KnownOutputs { get; } = ["image", "uri", "tag", "digest"];

    public override KindSchema Schema { get; } = new(
        AwsStage.Region,
        new FieldSpec("context", FieldType.Path, "the build context directory (build mode)"),
        new FieldSpec("pin", FieldType.String, "pin mode, instead of context: an existing tag of 'repository', resolved to its digest; nothing is built"),
        new FieldSpec("tls_verify", FieldType.Boolean, "pin mode: false for a plain-HTTP registry (a local test registry); default true"),
        new FieldSpec("dockerfile", FieldType.Path, "the Dockerfile (default: <context>/Dockerfile)"),
        new FieldSpec("repository", FieldType.String, "where to push (or, with pin, where the image is), e.g. 123456789012.dkr.ecr.eu-west-2.amazonaws.com/jobs/ingest", Required: true),
        new FieldSpec("build_args", FieldType.StringMap, "--build-arg values"),
        new FieldSpec("platform", FieldType.String, "e.g. linux/amd64"),
        new FieldSpec("target", FieldType.String, "the build stage to stop at"),
        new FieldSpec("timeout", FieldType.Duration, "stop build or push after this long (default 30m)"));

    private static readonly string[] BuildOnly = ["dockerfile", "build_args", "platform", "target"];

    public override void Validate(StageDefinition stage, KindValidationContext context)
    {
        var pin = stage.Settings.Find("pin");
        if (pin is not null && stage.Settings.Find("context") is { } both)
        {
            context.Diagnostics.Add(both.KeyLocation, $"stage '{stage.Name}' sets both 'context' (build) and 'pin' (an existing image)", "keep 'context' to build and push, or 'pin' to use a published tag");
        }
        else if (pin is null && stage.Settings.Find("context") is null)
        {
            context.Diagnostics.Add(stage.KindLocation, $"stage '{stage.Name}' has neither 'context' nor 'pin'", "set 'context' to build an image, or 'pin: TAG' to use an existing one of 'repository'");
        }

        foreach (var entry in pin is null ? [] : stage.Settings.Entries.Where(e => BuildOnly.Contains(e.Key)))
        {
            context.Diagnostics.Add(entry.KeyLocation, $"'{entry.Key}' of stage '{stage.Name}' is for building, and 'pin' builds nothing", $"remove '{entry.Key}'");
        }

        if (stage.Settings["context"] is ConfigScalar dir && !dir.Text.Contains("${", StringComparison.Ordinal)
            && !Directory.Exists(Path.GetFullPath(dir.Text, context.Project.Directory)))
        {
            context.Diagnostics.Add(dir.TextLocation, $"stage '{stage.Name}': build context '{dir.Text}' does not exist", "point 'context' at an existing directory (relative to the project file)");
        }
    }

    public override IEnumerable<string> InputPatterns(ResolvedMap settings, string projectDirectory)
    {
        if (settings.String("context") is { } dir)
        {
            yield return $"{dir}/**";
        }

        if (settings.String("dockerfile") is { } file)
        {
            yield return file;
        }
    }

    /// <summary>The tag this stage pushed must still name the digest state recorded.</summary>
    public async Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken)
    {
        var outputs = context.Previous?.Outputs;
        if (outputs?.GetValueOrDefault("tag")?.Value is not { Length: > 0 } tag || outputs.GetValueOrDefault("digest")?.Value is not { Length: > 0 } recorded)
        {
            return new DriftResult.Unchecked("state recorded no tag and digest");
        }

        var aws = AwsStage.Optional(context);
        var image = new ImageReference(context.Settings.RequiredString("repository"));
        string? digest;
        if (context.Settings.String("pin") is not null)
        {
            digest = await DockerPin.DigestAsync(aws, Tools(aws), image, tag, context, cancellationToken).ConfigureAwait(false);
            return digest is null ? new DriftResult.Gone($"{image.Tagged(tag)} is not in the registry any more")
                : digest == recorded ? DriftResult.Same
                : DriftResult.Differs($"{image.Tagged(tag)} now names {digest}; this environment is pinned to {recorded}: 'deploy --refresh' pins the new digest");
        }

        if (image.IsEcr)
        {
            if (aws is null)
            {
                return new DriftResult.Unchecked($"repository {image.Repository} is in ECR, which needs an environment with target 'aws'");
            }

            await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
            digest = await aws.Ecr.FindDigestAsync(image.EcrName, tag, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var tools = aws?.Tools ?? new ToolRunner(ProcessRunner.Default, null, null, new Dictionary<string, string?>());
            digest = await RemoteDigestAsync(tools, image.Tagged(tag), context, cancellationToken).ConfigureAwait(false);
        }

        return digest is null ? new DriftResult.Gone($"{image.Tagged(tag)} is not in the registry")
            : digest == recorded ? DriftResult.Same
            : new DriftResult.Drifted([$"{image.Tagged(tag)} is {digest}, state recorded {recorded}"],
                "the tag was pushed over outside stagecraft, and a deploy keeps a tag that exists: delete the tag in the registry, then 'deploy --refresh' builds and pushes it again");
    }

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var aws = AwsStage.Optional(context);
        var tools = Tools(aws);
        var image = new ImageReference(context.Settings.RequiredString("repository"));
        if (context.Settings.String("pin") is { } pinned)
        {
            var found = await DockerPin.DigestAsync(aws, tools, image, pinned, context, cancellationToken).ConfigureAwait(false)
                ?? throw new StageFailedException($"{image.Tagged(pinned)} is not in the registry", hint: "check 'repository' and 'pin': the tag must be published already (pin builds nothing)");
            context.Log.Line($"# {image.Tagged(pinned)} is {found}: pinned");
            return Done(image, pinned, found);
        }

        var tag = context.Fingerprint[..Math.Min(12, context.Fingerprint.Length)];
        var timeout = context.Settings.Duration("timeout") ?? TimeSpan.FromMinutes(30);
        if (image.IsEcr && aws is null)
        {
            throw new StageFailedException($"repository {image.Repository} is in ECR, which needs an environment with target 'aws'");
        }

        if (image.IsEcr)
        {
            await LoginAsync(aws!, tools, image, context, cancellationToken).ConfigureAwait(false);
        }

        var digest = image.IsEcr
            ? await aws!.Ecr.FindDigestAsync(image.EcrName, tag, cancellationToken).ConfigureAwait(false)
            : await RemoteDigestAsync(tools, image.Tagged(tag), context, cancellationToken).ConfigureAwait(false);
        if (digest is not null)
        {
            context.Log.Line($"# {image.Tagged(tag)} is already in the registry ({digest}): nothing to build");
            return Done(image, tag, digest);
        }

        context.Log.Status("docker build");
        var secretArgs = new Dictionary<string, string?>(StringComparer.Ordinal);
        var buildRun = new ToolRun(Tool.Docker, BuildArguments(context, image.Tagged(tag), secretArgs))
        {
            Timeout = timeout,
            WorkingDirectory = context.ProjectDirectory,
            Environment = secretArgs,
        };
        var build = await tools.RunAsync(buildRun, context.Log, cancellationToken).ConfigureAwait(false);
        ToolFailure.ThrowIfFailed(build, "docker build", context.Log, timeout);

        context.Log.Status("docker push");
        var push = await tools.RunAsync(new ToolRun(Tool.Docker, ["push", image.Tagged(tag)]) { Timeout = timeout }, context.Log, cancellationToken).ConfigureAwait(false);
        ToolFailure.ThrowIfFailed(push, "docker push", context.Log, timeout);
        digest = push.Lines.Select(l => PushDigest().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).LastOrDefault()
            ?? (image.IsEcr ? await aws!.Ecr.FindDigestAsync(image.EcrName, tag, cancellationToken).ConfigureAwait(false) : null)
            ?? throw new StageFailedException($"docker push of {image.Tagged(tag)} did not report a digest");
        return Done(image, tag, digest);
    }

    /// <summary>The build's argv; sensitive build args go into <paramref name="environment"/> instead.</summary>
    private static List<string> BuildArguments(StageContext context, string taggedName, Dictionary<string, string?> environment)
    {
        var settings = context.Settings;
        var directory = context.ResolvePath(settings.Scalar("context")!);
        var args = new List<string> { "build", "--tag", taggedName };
        if (settings.Scalar("dockerfile") is { } dockerfile)
        {
            args.AddRange(["--file", context.ResolvePath(dockerfile)]);
        }

        foreach (var (name, value) in settings.ScalarMap("build_args") ?? [])
        {
            if (!value.Sensitive)
            {
                args.AddRange(["--build-arg", $"{name}={value.Value}"]);
                continue;
            }

            // '--build-arg NAME' makes docker read the value from its environment: argv shows in every process list.
            if (name is "PATH" or "HOME" || name.StartsWith("DOCKER_", StringComparison.Ordinal))
            {
                throw new StageFailedException($"build_args.{name} holds a secret but its name is one docker itself reads from the environment",
                    hint: "rename the build arg; better, pass secrets as build secrets (docker build --secret), since build args stay in the image history");
            }

            args.AddRange(["--build-arg", name]);
            environment[name] = value.Value;
        }

        if (settings.String("platform") is { } platform)
        {
            args.AddRange(["--platform", platform]);
        }

        if (settings.String("target") is { } target)
        {
            args.AddRange(["--target", target]);
        }

        args.Add(directory);
        return args;
    }

    private static async Task LoginAsync(AwsEnvironment aws, IToolRunner tools, ImageReference image, StageContext context, CancellationToken cancellationToken)
    {
        await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var password = await aws.Ecr.GetLoginPasswordAsync(cancellationToken).ConfigureAwait(false);
        context.Masker.Add(password);
        context.Log.Line($"$ docker login --username AWS --password-stdin {image.Registry}");
        var login = await tools.RunAsync(new ToolRun(Tool.Docker, ["login", "--username", "AWS", "--password-stdin", image.Registry!]) { StandardInput = password }, context.Log, cancellationToken)
            .ConfigureAwait(false);
        ToolFailure.ThrowIfFailed(login, "docker login to " + image.Registry, context.Log);
    }

    // 'docker manifest inspect -v' prints the descriptor with the digest when the tag exists, and fails when it does not.
    private static async Task<string?> RemoteDigestAsync(IToolRunner tools, string taggedName, StageContext context, CancellationToken cancellationToken)
    {
        var result = await tools.RunAsync(new ToolRun(Tool.Docker, ["manifest", "inspect", "--verbose", taggedName]) { LogOutput = false }, context.Log, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? ManifestDigest().Match(result.Stdout) is { Success: true } m ? m.Groups[1].Value : null : null;
    }

    private static IToolRunner Tools(AwsEnvironment? aws) =>
        aws?.Tools ?? new ToolRunner(ProcessRunner.Default, null, null, new Dictionary<string, string?>());

    private static StageOutcome Done(ImageReference image, string tag, string digest) =>
        StageOutcome.Done(new Dictionary<string, OutputValue>(StringComparer.Ordinal)
        {
            ["image"] = new(image.Pinned(digest)),
            ["uri"] = new(image.Tagged(tag)),
            ["tag"] = new(tag),
            ["digest"] = new(digest),
        });

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex PushDigest();

    [GeneratedRegex("\"digest\":\\s*\"(sha256:[0-9a-f]{64})\"")]
    private static partial Regex ManifestDigest();
}
