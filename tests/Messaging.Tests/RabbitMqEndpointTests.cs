using ChampionNetwork.Messaging.Bus;

namespace ChampionNetwork.Messaging.Tests;

public sealed class RabbitMqEndpointTests
{
    [Fact]
    public void An_Aspire_style_AMQP_connection_string_is_split_into_host_port_vhost_and_credentials()
    {
        var endpoint = RabbitMqEndpoint.Parse("amqp://champion:s%40cret@broker.internal:5673/insight");
        Assert.Equal(new RabbitMqEndpoint("broker.internal", 5673, "insight", "champion", "s@cret"), endpoint);
    }

    [Fact]
    public void A_connection_string_without_vhost_or_port_uses_the_defaults()
    {
        Assert.Equal(new RabbitMqEndpoint("localhost", 5672, "/", "guest", "guest"), RabbitMqEndpoint.Parse("amqp://localhost"));
    }

    [Theory]
    [InlineData("localhost:5672")]
    [InlineData("http://localhost:15672")]
    [InlineData("")]
    public void A_connection_string_that_is_not_an_AMQP_URI_is_refused_with_a_clear_message(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => RabbitMqEndpoint.Parse(connectionString));
        Assert.Contains("AMQP URI", error.Message, StringComparison.Ordinal);
    }
}
