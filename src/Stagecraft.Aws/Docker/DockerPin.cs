namespace Stagecraft.Aws.Docker;

/// <summary>
/// The docker kind's 'pin' mode: nothing is built; an existing image's tag is resolved to the
/// digest it names now, so consumers get repository@sha256:… and a moved tag is seen as drift.
/// ECR asks 'aws ecr describe-images'; any other registry 'skopeo inspect' (no docker daemon).
/// </summary>
internal static partial class DockerPin
{
    public static Tool Skopeo { get; } = new("skopeo", "skopeo", "install it with 'apt-get install skopeo' (https://github.com/containers/skopeo/blob/main/install.md)");

    /// <summary>The digest the tag names in the registry, or null when the registry has no such tag.</summary>
    public static async Task<string?> DigestAsync(AwsEnvironment? aws, IToolRunner tools, ImageReference image, string tag, StageContext context, CancellationToken cancellationToken)
    {
        if (image.IsEcr)
        {
            if (aws is null)
            {
                throw new StageFailedException($"repository {image.Repository} is in ECR, which needs an environment with target 'aws'");
            }

            await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
            return await aws.Ecr.FindDigestAsync(image.EcrName, tag, cancellationToken).ConfigureAwait(false);
        }

        // --no-tags: listing every tag of a big public repository is slow and needs more rights.
        List<string> args = ["inspect", "--no-tags", "--format", "{{.Digest}}"];
        if (context.Settings.Boolean("tls_verify") == false)
        {
            args.Add("--tls-verify=false");
        }

        args.Add("docker://" + image.Tagged(tag));
        var result = await tools.RunAsync(new ToolRun(Skopeo, args) { LogOutput = false }, context.Log, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return Digest().Match(result.Stdout) is { Success: true } m ? m.Value
                : throw new StageFailedException($"skopeo inspect of {image.Tagged(tag)} printed no digest", [result.Stdout.Trim()]);
        }

        var printed = string.Join('\n', result.Lines);
        if (ManifestUnknown().IsMatch(printed))
        {
            return null;
        }

        throw new StageFailedException($"{AwsErrorCode.ToolFailed}: skopeo could not read {image.Tagged(tag)}", result.Lines.TakeLast(ToolFailure.TailLines).ToList(),
            "check the name and tag; a private registry needs 'skopeo login' (or docker's credentials) first; a plain-HTTP registry needs tls_verify: false");
    }

    [GeneratedRegex("sha256:[0-9a-f]{64}")]
    private static partial Regex Digest();

    // The registry's answer for a tag or repository it does not have (OCI distribution spec error codes).
    [GeneratedRegex("manifest unknown|name unknown|MANIFEST_UNKNOWN|NAME_UNKNOWN", RegexOptions.IgnoreCase)]
    private static partial Regex ManifestUnknown();
}
