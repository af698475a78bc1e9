namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft param get|put|list|delete: the environment's parameter store (SSM on AWS, a local store here).</summary>
internal sealed class ParamCommand
{
    public static Command Create(CliContext cli) => new("param", "Read and write the environment's parameter store (what ${ssm:/path} reads).")
    {
        ParamGetCommand.Create(cli),
        ParamPutCommand.Create(cli),
        ParamListCommand.Create(cli),
        ParamDeleteCommand.Create(cli),
    };
}
