using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChampionNetwork.TestInfrastructure.Hosting;

/// <summary>
/// A service hosted in the test process with its real wiring (Program.cs), pointed at real servers through
/// configuration, as the AppHost would point it. Settings are applied as host settings so that Program.cs sees
/// them while it wires services.
/// </summary>
public sealed class ServiceUnderTest<TProgram>(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<TProgram> where TProgram : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostOptions(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
        return base.CreateHost(builder);
    }

    /// <summary>Builds and starts the host now (hosted services included), rather than on first request.</summary>
    public void Start() => StartServer();

    /// <summary>Serve over real Kestrel on a free port instead of the in-memory test server: clients then send real HTTP.</summary>
    public ServiceUnderTest<TProgram> OverKestrel()
    {
        UseKestrel(0);
        return this;
    }

    /// <summary>Waits until /health reports Healthy: the bus has bound its queues and every server answers.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? timeout = null)
    {
        var client = CreateClient();
        await Eventually.Returns(
            async () => (int)(await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode,
            status => status == 200,
            timeout ?? TimeSpan.FromSeconds(60),
            because: $"for {typeof(TProgram).Assembly.GetName().Name} to report healthy");
    }

    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
