using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using NSubstitute;
using Stagecraft.Aws.Cli;
using Stagecraft.Aws.Ec2;
using Stagecraft.Aws.Sdk;

namespace Stagecraft.Aws.Tests.Seams;

public sealed class SdkEc2Tests
{
    private readonly IAmazonEC2 _client = Substitute.For<IAmazonEC2>();
    private readonly SdkEc2 _ec2;

    public SdkEc2Tests()
    {
        _ec2 = new SdkEc2(_client, new SdkCall(AwsRetry.Create(TimeSpan.FromMilliseconds(1), 3, TimeProvider.System)));
    }

    [Fact]
    public async Task Launches_one_instance_with_base64_user_data_tags_and_terminate_on_shutdown()
    {
        RunInstancesRequest? sent = null;
        _client.RunInstancesAsync(Arg.Do<RunInstancesRequest>(r => sent = r), Arg.Any<CancellationToken>())
            .Returns(new RunInstancesResponse { Reservation = new Reservation { Instances = [new Instance { InstanceId = "i-1" }] } });

        var id = await _ec2.RunInstanceAsync(new InstanceLaunch("ami-base", "t3.small", "#!/bin/bash\necho hi\n", "subnet-1", ["sg-1"], "builder", new Dictionary<string, string> { ["Name"] = "x" }), CancellationToken.None);

        id.Should().Be(new InstanceId("i-1"));
        Encoding.UTF8.GetString(Convert.FromBase64String(sent!.UserData)).Should().Be("#!/bin/bash\necho hi\n");
        sent.MinCount.Should().Be(1);
        sent.InstanceInitiatedShutdownBehavior.Should().Be(ShutdownBehavior.Terminate);
        sent.IamInstanceProfile.Name.Should().Be("builder");
        sent.TagSpecifications.Single().Tags.Single().Key.Should().Be("Name");
    }

    [Fact]
    public async Task A_retried_launch_sends_the_same_client_token_so_ec2_launches_once()
    {
        var tokens = new List<string>();
        _client.RunInstancesAsync(Arg.Do<RunInstancesRequest>(r => tokens.Add(r.ClientToken)), Arg.Any<CancellationToken>())
            .Returns(
                _ => throw new AmazonEC2Exception("We encountered an internal error", Amazon.Runtime.ErrorType.Receiver, "InternalError", "req-1", System.Net.HttpStatusCode.InternalServerError),
                _ => Task.FromResult(new RunInstancesResponse { Reservation = new Reservation { Instances = [new Instance { InstanceId = "i-1" }] } }));

        var id = await _ec2.RunInstanceAsync(new InstanceLaunch("ami-base", "t3.small", "", null, [], null, new Dictionary<string, string>()), CancellationToken.None);

        id.Should().Be(new InstanceId("i-1"));
        tokens.Should().HaveCount(2);
        tokens[0].Should().NotBeNullOrEmpty();
        tokens[1].Should().Be(tokens[0]);
    }

    [Fact]
    public async Task A_new_instance_or_image_that_ec2_does_not_know_yet_is_not_visible_yet_rather_than_an_error()
    {
        _client.DescribeInstanceStatusAsync(Arg.Any<DescribeInstanceStatusRequest>(), Arg.Any<CancellationToken>())
            .Returns<DescribeInstanceStatusResponse>(_ => throw new AmazonEC2Exception("The instance ID 'i-1' does not exist", Amazon.Runtime.ErrorType.Sender, "InvalidInstanceID.NotFound", "req-1", System.Net.HttpStatusCode.BadRequest));
        _client.DescribeImagesAsync(Arg.Any<DescribeImagesRequest>(), Arg.Any<CancellationToken>())
            .Returns<DescribeImagesResponse>(_ => throw new AmazonEC2Exception("The image id '[ami-1]' does not exist", Amazon.Runtime.ErrorType.Sender, "InvalidAMIID.NotFound", "req-2", System.Net.HttpStatusCode.BadRequest));

        (await _ec2.DescribeInstanceAsync(new InstanceId("i-1"), CancellationToken.None)).Should().BeNull();
        (await _ec2.DescribeImageAsync(new ImageId("ami-1"), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Other_describe_errors_still_fail()
    {
        _client.DescribeImagesAsync(Arg.Any<DescribeImagesRequest>(), Arg.Any<CancellationToken>())
            .Returns<DescribeImagesResponse>(_ => throw new AmazonEC2Exception("not allowed", Amazon.Runtime.ErrorType.Sender, "UnauthorizedOperation", "req-3", System.Net.HttpStatusCode.Forbidden));

        var act = () => _ec2.DescribeImageAsync(new ImageId("ami-1"), CancellationToken.None);

        await act.Should().ThrowAsync<AwsException>();
    }

    [Fact]
    public async Task Finds_own_images_by_exact_name_and_reads_status_checks()
    {
        _client.DescribeImagesAsync(Arg.Is<DescribeImagesRequest>(r => r.Owners!.Single() == "self" && r.Filters!.Single().Values!.Single() == "app-1"), Arg.Any<CancellationToken>())
            .Returns(new DescribeImagesResponse { Images = [new Image { ImageId = "ami-1", Name = "app-1", State = ImageState.Available }] });
        _client.DescribeInstanceStatusAsync(Arg.Any<DescribeInstanceStatusRequest>(), Arg.Any<CancellationToken>())
            .Returns(new DescribeInstanceStatusResponse
            {
                InstanceStatuses = [new InstanceStatus
                {
                    InstanceState = new InstanceState { Name = InstanceStateName.Running },
                    SystemStatus = new InstanceStatusSummary { Status = SummaryStatus.Ok },
                    Status = new InstanceStatusSummary { Status = SummaryStatus.Ok },
                }],
            });

        (await _ec2.FindImageByNameAsync("app-1", CancellationToken.None))!.IsAvailable.Should().BeTrue();
        (await _ec2.DescribeInstanceAsync(new InstanceId("i-1"), CancellationToken.None))!.IsReady.Should().BeTrue();
    }
}
