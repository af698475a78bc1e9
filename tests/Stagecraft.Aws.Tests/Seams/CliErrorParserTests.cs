using Stagecraft.Aws.Cli;

namespace Stagecraft.Aws.Tests.Seams;

public sealed class CliErrorParserTests
{
    [Fact]
    public void A_service_error_keeps_its_code_and_operation()
    {
        var error = CliErrorParser.Parse("cloudformation", "DescribeStacks", "\nAn error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id x does not exist\n", 254);

        error.AwsCode.Should().Be("ValidationError");
        error.Operation.Should().Be("DescribeStacks");
        error.AwsMessage.Should().Be("Stack with id x does not exist");
        error.Message.Should().StartWith("SC-AWS-0004:");
        error.Transient.Should().BeFalse();
    }

    [Theory]
    [InlineData("Throttling")]
    [InlineData("RequestLimitExceeded")]
    [InlineData("TooManyRequestsException")]
    [InlineData("ServiceUnavailable")]
    public void Throttling_and_server_errors_are_transient(string code)
    {
        var error = CliErrorParser.Parse("ec2", "RunInstances", $"An error occurred ({code}) when calling the RunInstances operation (reached max retries: 2): Rate exceeded", 254);

        error.Transient.Should().BeTrue();
        error.AwsMessage.Should().Be("Rate exceeded");
    }

    [Fact]
    public void Access_denied_without_a_named_action_names_the_one_called()
    {
        var error = CliErrorParser.Parse("codedeploy", "CreateDeployment", "An error occurred (AccessDeniedException) when calling the CreateDeployment operation: not allowed", 254);

        error.Message.Should().StartWith("SC-AWS-0003").And.Contain("codedeploy:CreateDeployment");
    }

    [Fact]
    public void Missing_credentials_say_how_to_get_them()
    {
        var error = CliErrorParser.Parse("cloudformation", "DescribeStacks", "Unable to locate credentials. You can configure credentials by running \"aws configure\".", 253);

        error.Message.Should().StartWith("SC-AWS-0006");
        error.Hint.Should().Contain("profile");
    }

    [Fact]
    public void Connection_failures_are_transient()
    {
        CliErrorParser.Parse("ecr", "DescribeImages", "Could not connect to the endpoint URL: \"https://api.ecr.eu-west-2.amazonaws.com/\"", 255).Transient.Should().BeTrue();
    }

    [Fact]
    public void Operation_names_come_from_the_cli_verb()
    {
        AwsCommand.Of("deploy", "create-deployment-group").ApiOperation.Should().Be("CreateDeploymentGroup");
        AwsCommand.Of("deploy", "create-deployment-group").IamService.Should().Be("codedeploy");
    }
}
