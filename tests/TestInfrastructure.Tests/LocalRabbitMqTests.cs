using System.Text;
using RabbitMQ.Client;

namespace ChampionNetwork.TestInfrastructure.Tests;

public class LocalRabbitMqTests
{
    [Fact]
    public async Task A_persistent_message_in_a_durable_queue_survives_kill_9_of_the_vm()
    {
        await using var rabbit = await LocalRabbitMq.StartAsync();
        var vhost = await rabbit.CreateVirtualHostAsync("crash");
        var factory = new ConnectionFactory { Uri = vhost, AutomaticRecoveryEnabled = false };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("orders", durable: true, exclusive: false, autoDelete: false);
        }

        // RabbitMQ 3.10 answers declare-ok while the queue's record may still sit in mnesia's write cache (flushed
        // within about 2 s): a kill -9 right after can lose the queue itself. A graceful restart puts it on disk, so
        // what the kill below tests is the confirmed message.
        await rabbit.StopAsync();
        await rabbit.StartAgainAsync();
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.BasicPublishAsync(
                string.Empty, "orders", mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("order 1"));
        }

        await rabbit.KillAsync();
        await rabbit.StartAgainAsync();

        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var message = await channel.BasicGetAsync("orders", autoAck: true);
            Assert.NotNull(message);
            Assert.Equal("order 1", Encoding.UTF8.GetString(message.Body.Span));
        }
    }
}
