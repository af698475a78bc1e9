namespace Stagecraft.Aws.Tools;

/// <summary>Runs serverless, cdk and docker for kinds: region and profile in the environment, output to the stage log.</summary>
internal interface IToolRunner
{
    Task<ToolResult> RunAsync(ToolRun run, IStageLog log, CancellationToken cancellationToken);
}
