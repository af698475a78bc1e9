namespace Stagecraft.Aws.ImageBuilder;

/// <summary><see cref="IImageBuilder"/> through 'aws imagebuilder' (no SDK package for it is used here).</summary>
internal sealed class ImageBuilderCli(IAwsCli cli) : IImageBuilder
{
    public async Task<string> StartPipelineAsync(string pipelineArn, string clientToken, CancellationToken cancellationToken)
    {
        var json = await cli.RunAsync(AwsCommand.Of("imagebuilder", "start-image-pipeline-execution", "--image-pipeline-arn", pipelineArn, "--client-token", clientToken),
            cancellationToken).ConfigureAwait(false);
        return json is { } root && Json.String(root, "imageBuildVersionArn") is { Length: > 0 } arn
            ? arn
            : throw new Stagecraft.Core.Kinds.StageFailedException("imagebuilder StartImagePipelineExecution returned no imageBuildVersionArn");
    }

    public async Task<ImageBuild> GetImageAsync(string buildVersionArn, CancellationToken cancellationToken)
    {
        var json = await cli.RunAsync(AwsCommand.Of("imagebuilder", "get-image", "--image-build-version-arn", buildVersionArn), cancellationToken).ConfigureAwait(false);
        var image = json is { } root ? Json.Property(root, "image") : null;
        if (image is not { } found)
        {
            throw new Stagecraft.Core.Kinds.StageFailedException($"imagebuilder GetImage returned no image for {buildVersionArn}");
        }

        var state = Json.Property(found, "state");
        var amis = Json.Property(found, "outputResources") is { } resources
            ? Json.Array(resources, "amis").Select(a => new DistributedAmi(Json.String(a, "region") ?? "", Json.String(a, "image") ?? "", Json.String(a, "name"), Json.String(a, "accountId")))
                .Where(a => a.ImageId.Length > 0).ToList()
            : [];
        return new ImageBuild(buildVersionArn, state is { } s ? Json.String(s, "status") ?? "PENDING" : "PENDING", state is { } r ? Json.String(r, "reason") : null, amis);
    }

    public Task CancelAsync(string buildVersionArn, string clientToken, CancellationToken cancellationToken) =>
        cli.RunAsync(AwsCommand.Of("imagebuilder", "cancel-image-creation", "--image-build-version-arn", buildVersionArn, "--client-token", clientToken), cancellationToken);
}
