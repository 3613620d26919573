using ChampionNetwork.TestInfrastructure.Hosting;
using ChampionNetwork.Messaging.Tests.Privacy;
using RabbitMQ.Client;

namespace ChampionNetwork.Messaging.Tests;

internal static class ErrorQueue
{
    /// <summary>Takes the next message from an <c>_error</c> queue, waiting for MassTransit to declare it.</summary>
    public static async Task<RawAmqpMessage> NextAsync(Uri rabbitMq, string queue)
    {
        var factory = new ConnectionFactory { Uri = rabbitMq };
        await using var connection = await factory.CreateConnectionAsync();
        var result = await Eventually.Returns(
            async () =>
            {
                // A fresh channel each time: asking for a queue that does not exist yet closes the channel.
                await using var channel = await connection.CreateChannelAsync();
                try
                {
                    return await channel.BasicGetAsync(queue, autoAck: true);
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                    return null; // MassTransit declares the error queue with the first failure
                }
            },
            got => got is not null,
            TimeSpan.FromSeconds(30),
            because: $"for the failed message in {queue}");
        return RawAmqpMessage.From(result!);
    }
}
