using ChampionNetwork.AppHost.Model;
using ChampionNetwork.AppHost.Provisioning;
using Microsoft.Extensions.Configuration;

namespace ChampionNetwork.AppHost.Tests;

public sealed class ProvisioningChoiceTests
{
    [Theory]
    [InlineData("amqp://guest:guest@10.0.0.5:5672/", true, true, ProvisioningSource.Configured)]
    [InlineData(null, true, true, ProvisioningSource.Container)]
    [InlineData("", false, true, ProvisioningSource.LocalBinary)]
    [InlineData(null, false, false, ProvisioningSource.Missing)]
    public void The_first_source_that_works_is_chosen(string? configured, bool dockerAnswers, bool binaryInstalled, ProvisioningSource expected) =>
        Assert.Equal(expected, ProvisioningDecision.Choose(configured, dockerAnswers, binaryInstalled));

    [Fact]
    public async Task A_configured_connection_string_is_used_as_it_is_and_nothing_is_started()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:redis"] = "10.1.2.3:6380" })
            .Build();
        var dataDirectory = Directory.CreateTempSubdirectory("apphost-unit-").FullName;
        var provisioner = new ServerProvisioner(configuration, new DockerEngine(enabled: false), dataDirectory, fresh: false);

        var server = await provisioner.ProvisionAsync(new RedisResource("redis"), _ => { }, CancellationToken.None);
        Directory.Delete(dataDirectory, recursive: true);

        Assert.Equal(ProvisioningSource.Configured, server.Source);
        Assert.Equal("10.1.2.3:6380", server.ConnectionString);
        Assert.Empty(server.Sessions);
    }

    [Theory]
    [InlineData("eventbus", "rabbitmq-server")]
    [InlineData("redis", "redis-server")]
    [InlineData("postgres", "postgresql")]
    public void Missing_server_error_names_the_exact_install_command(string name, string package)
    {
        var error = ProvisioningException.NotInstalled(name, package);

        Assert.Contains($"sudo apt-get update && sudo apt-get install -y {package}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"ConnectionStrings__{name}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_server_names_the_Debian_package_and_the_image_Aspire_uses()
    {
        var builder = TestApps.Builder();
        ServerResource[] servers = [builder.AddRabbitMQ("eventbus").Resource, builder.AddRedis("redis").Resource, builder.AddPostgres("postgres").Resource];

        Assert.Equal(["rabbitmq-server", "redis-server", "postgresql"], servers.Select(s => s.DebianPackage));
        Assert.Equal(
            ["docker.io/library/rabbitmq:4.1", "docker.io/library/redis:7.4", "docker.io/library/postgres:17.4"],
            servers.Select(s => s.Annotations.OfType<ContainerImageAnnotation>().Single().Reference));
    }
}
