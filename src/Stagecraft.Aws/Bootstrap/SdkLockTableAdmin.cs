using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Stagecraft.Aws.Sdk;

namespace Stagecraft.Aws.Bootstrap;

internal sealed class SdkLockTableAdmin(IAmazonDynamoDB client, SdkCall call, TimeProvider time, TimeSpan pollInterval) : ILockTableAdmin
{
    private readonly IAmazonDynamoDB _client = client;
    private readonly SdkCall _call = call;
    private readonly TimeProvider _time = time;
    private readonly TimeSpan _pollInterval = pollInterval;

    public Task<bool> ExistsAsync(string table, CancellationToken cancellationToken) =>
        _call.RunAsync("dynamodb", "DescribeTable", async ct =>
        {
            try
            {
                await _client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, ct).ConfigureAwait(false);
                return true;
            }
            catch (ResourceNotFoundException)
            {
                return false;
            }
        }, cancellationToken);

    public async Task CreateAsync(string table, CancellationToken cancellationToken)
    {
        await _call.RunAsync("dynamodb", "CreateTable", ct => _client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition(ILockTableAdmin.KeyAttribute, ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement(ILockTableAdmin.KeyAttribute, KeyType.HASH)],
        }, ct), cancellationToken).ConfigureAwait(false);

        while (true)
        {
            var status = await _call.RunAsync("dynamodb", "DescribeTable", async ct =>
                (await _client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, ct).ConfigureAwait(false)).Table.TableStatus, cancellationToken).ConfigureAwait(false);
            if (status == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(_pollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
