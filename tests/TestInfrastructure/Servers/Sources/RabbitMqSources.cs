using ChampionNetwork.LocalServers;
using ChampionNetwork.TestInfrastructure.Servers.Admin;
using ChampionNetwork.TestInfrastructure.Servers.Local;
using Testcontainers.RabbitMq;

namespace ChampionNetwork.TestInfrastructure.Servers.Sources;

internal static class RabbitMqSources
{
    public static Task<RabbitMqServer> AcquireAsync(CancellationToken ct) =>
        ServerAcquisition.AcquireAsync(
            "RabbitMQ",
            TestServerEnvironment.RabbitMq,
            FromEnvironmentAsync,
            new ServerOption<RabbitMqServer>("no Docker engine answered", () => DockerProbe.EngineAvailable, FromContainerAsync),
            new ServerOption<RabbitMqServer>(
                $"rabbitmq-server is not installed ({Binaries.RabbitMqServer}, epmd)",
                () => RabbitMqRecipe.IsInstalled,
                FromLocalProcessAsync),
            ct);

    private static async Task<RabbitMqServer> FromEnvironmentAsync(string value, CancellationToken ct)
    {
        var management = TestServerEnvironment.Get(TestServerEnvironment.RabbitMqManagement)
            ?? throw new ServerStartException(
                $"{TestServerEnvironment.RabbitMq} is set but {TestServerEnvironment.RabbitMqManagement} is not: set it to the broker's "
                + "management API, e.g. http://guest:guest@127.0.0.1:15672 (vhosts are created through it).");
        var (host, port, user, password) = Parse(new Uri(value));
        var admin = new RabbitMqManagementClient(new Uri(management), user, password);
        await Readiness.EnsureHealthyAsync(RabbitMqRecipe.Readiness(RabbitMqUris.Build(host, port, user, password, virtualHost: null)), ct);
        await Readiness.EnsureHealthyAsync(admin, ct);
        return new RabbitMqServer(host, port, user, password, admin, ServerSource.Environment);
    }

    private static async Task<RabbitMqServer> FromContainerAsync(CancellationToken ct)
    {
        var container = await ContainerLifetime.StartAsync(new RabbitMqBuilder(ContainerImages.RabbitMq).Build(), ct);
        var (host, port, user, password) = Parse(new Uri(container.GetConnectionString()));
        return new RabbitMqServer(host, port, user, password, new ContainerRabbitMqAdmin(container), ServerSource.Container);
    }

    private static async Task<RabbitMqServer> FromLocalProcessAsync(CancellationToken ct)
    {
        // One vhost per test class: the management API makes each ~30 ms; nobody stops this node gracefully.
        var local = await LocalRabbitMq.StartAsync(management: true, ct);
        return new RabbitMqServer(local.Host, local.Port, LocalRabbitMq.User, LocalRabbitMq.Password, local.Admin, ServerSource.LocalProcess);
    }

    private static (string Host, int Port, string User, string Password) Parse(Uri amqp)
    {
        var credentials = amqp.UserInfo.Split(':', 2);
        var user = credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest";
        var password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest";
        return (amqp.Host, amqp.IsDefaultPort || amqp.Port < 0 ? 5672 : amqp.Port, user, password);
    }
}
