using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Stagecraft.Aws.Bootstrap;

internal sealed class SdkLockTableAdmin(IAmazonDynamoDB client, SdkCall call, TimeProvider time, TimeSpan pollInterval) : ILockTableAdmin
{
    public Task<bool> ExistsAsync(string table, CancellationToken cancellationToken) =>
        call.RunAsync("dynamodb", "DescribeTable", async ct =>
        {
            try
            {
                await client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, ct).ConfigureAwait(false);
                return true;
            }
            catch (ResourceNotFoundException)
            {
                return false;
            }
        }, cancellationToken);

    public async Task CreateAsync(string table, CancellationToken cancellationToken)
    {
        await call.RunAsync("dynamodb", "CreateTable", ct => client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition(ILockTableAdmin.KeyAttribute, ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement(ILockTableAdmin.KeyAttribute, KeyType.HASH)],
        }, ct), cancellationToken).ConfigureAwait(false);

        while (true)
        {
            var status = await call.RunAsync("dynamodb", "DescribeTable", async ct =>
                (await client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, ct).ConfigureAwait(false)).Table.TableStatus, cancellationToken).ConfigureAwait(false);
            if (status == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
