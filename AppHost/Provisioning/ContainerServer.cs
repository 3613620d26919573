using System.Globalization;
using System.Security.Cryptography;
using ChampionNetwork.AppHost.Model;
using ChampionNetwork.AppHost.Orchestration;

namespace ChampionNetwork.AppHost.Provisioning;

/// <summary>
/// The container Aspire would run (same images), published on a free loopback port, with a named volume so that
/// data lasts from one run to the next like the local folders do. The password is kept in .apphost/{name}/password.
/// </summary>
internal sealed class ContainerServer : IServerInstance
{
    private readonly string _docker;
    private readonly string _containerName;
    private readonly ChildProcess _logs;

    private ContainerServer(string docker, string containerName, ChildProcess logs, string connectionString, int port)
    {
        _docker = docker;
        _containerName = containerName;
        _logs = logs;
        ConnectionString = connectionString;
        Endpoint = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} (container {containerName})";
    }

    public ProvisioningSource Source => ProvisioningSource.Container;

    public string ConnectionString { get; }

    public string Endpoint { get; }

    public int? Pid => null;

    public IReadOnlyCollection<int> Sessions => [_logs.Pid];

    /// <summary>`docker logs -f` ends when the container does.</summary>
    public Task Exited => _logs.Exited;

    public static async Task<IServerInstance> StartAsync(ServerResource resource, ServerContext context, bool fresh, CancellationToken ct)
    {
        var docker = Binaries.Docker ?? throw new ProvisioningException("docker is not on PATH.");
        var image = resource.Annotations.OfType<ContainerImageAnnotation>().Single();
        var target = resource.PrimaryEndpoint.TargetPort ?? throw new InvalidOperationException($"'{resource.Name}' has no target port.");
        var port = FreePorts.Sticky(Path.Combine(context.Directory, "port"));
        var password = Password(context.Directory);
        var volume = $"championnetwork-{resource.Name}-data";
        var name = $"championnetwork-{resource.Name}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
        if (fresh)
        {
            await ChildProcess.RunAsync(docker, ["volume", "rm", "-f", volume], TimeSpan.FromSeconds(30), ct);
        }

        List<string> args = ["run", "-d", "--rm", "--name", name, "-p", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}:{target.ToString(CultureInfo.InvariantCulture)}"];
        List<string> command = [];
        var (passwordForConnection, dataPath) = resource switch
        {
            RabbitMQServerResource => (password, "/var/lib/rabbitmq"),
            PostgresServerResource => (password, "/var/lib/postgresql/data"),
            _ => ((string?)null, "/data"),
        };
        switch (resource)
        {
            case RabbitMQServerResource:
                args.AddRange(["--hostname", $"championnetwork-{resource.Name}", "-e", $"RABBITMQ_DEFAULT_USER={RabbitMQServerResource.User}", "-e", $"RABBITMQ_DEFAULT_PASS={password}"]);
                break;
            case PostgresServerResource:
                args.AddRange(["-e", $"POSTGRES_USER={PostgresServerResource.User}", "-e", $"POSTGRES_PASSWORD={password}"]);
                break;
            case RedisResource:
                command.AddRange(["redis-server", "--appendonly", "yes"]);
                break;
        }

        args.AddRange(["-v", $"{volume}:{dataPath}", image.Reference]);
        args.AddRange(command);
        var (code, output) = await ChildProcess.RunAsync(docker, args, TimeSpan.FromMinutes(10), ct);
        if (code != 0)
        {
            throw new ProvisioningException($"docker run {image.Reference} failed with exit code {code}:\n{output}");
        }

        var logs = ChildProcess.Start(docker, ["logs", "-f", name], context.OnLine);
        var server = new ContainerServer(docker, name, logs, resource.ConnectionStringFor("127.0.0.1", port, passwordForConnection), port);
        try
        {
            await Readiness.WaitAsync(resource.Name, t => ServerProbes.ProbeAsync(resource, server.ConnectionString, t), null, TimeSpan.FromMinutes(2), ct);
            return server;
        }
        catch
        {
            await server.StopAsync();
            throw;
        }
    }

    public async Task StopAsync()
    {
        await ChildProcess.RunAsync(_docker, ["stop", "-t", "4", _containerName], TimeSpan.FromSeconds(15), CancellationToken.None);
        await _logs.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(1));
    }

    private static string Password(string directory)
    {
        var file = Path.Combine(directory, "password");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        }

        return File.ReadAllText(file).Trim();
    }
}
