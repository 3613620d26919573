using ChampionNetwork.AppHost.Model;
using Microsoft.Extensions.Configuration;

namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>Provisions each server from the first source that works: configuration, Docker, local binary; else one clear error.</summary>
internal sealed class ServerProvisioner(IConfiguration configuration, DockerEngine docker, string dataDirectory, bool fresh)
{
    public async Task<IServerInstance> ProvisionAsync(ServerResource resource, Action<string> onLine, CancellationToken ct)
    {
        var configured = configuration.GetConnectionString(resource.Name);
        var source = ProvisioningDecision.Choose(
            configured,
            string.IsNullOrWhiteSpace(configured) && await docker.AnswersAsync(),
            LocalBinaryInstalled(resource));
        var context = new ServerContext(resource.Name, Directory.CreateDirectory(Path.Combine(dataDirectory, resource.Name)).FullName, onLine);
        return source switch
        {
            ProvisioningSource.Configured => new ConfiguredServer(configured!),
            ProvisioningSource.Container => await ContainerServer.StartAsync(resource, context, fresh, ct),
            ProvisioningSource.LocalBinary => resource switch
            {
                RabbitMQServerResource rabbit => await LocalRabbitMq.StartAsync(rabbit, context, ct),
                RedisResource redis => await LocalRedis.StartAsync(redis, context, ct),
                PostgresServerResource postgres => await LocalPostgres.StartAsync(postgres, context, ct),
                _ => throw new InvalidOperationException($"No local recipe for '{resource.Name}'."),
            },
            _ => throw ProvisioningException.NotInstalled(resource.Name, resource.DebianPackage),
        };
    }

    public static bool LocalBinaryInstalled(ServerResource resource) => resource switch
    {
        RabbitMQServerResource => Binaries.RabbitMqServer is not null && Binaries.Epmd is not null,
        RedisResource => Binaries.RedisServer is not null,
        PostgresServerResource => Binaries.PostgresBin is not null,
        _ => false,
    };
}
