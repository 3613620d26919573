using ChampionNetwork.AppHost.Model;

namespace ChampionNetwork.AppHost.Tests;

public sealed class ProjectEnvironmentTests
{
    private static readonly SharedEnvironment Identity = new(null, new Dictionary<string, string> { ["Identity__SigningKey"] = "a2V5" });

    [Fact]
    public void Reference_to_a_server_arrives_as_ConnectionStrings_of_its_name()
    {
        var builder = TestApps.Builder();
        var eventBus = builder.AddRabbitMQ("eventbus");
        var api = builder.AddProject("surveys-api", "services/Surveys/Surveys.csproj").WithReference(eventBus);
        TestApps.Provision(builder.Model);

        var env = ProjectEnvironment.For(api.Resource, Identity);

        Assert.Equal(eventBus.Resource.ConnectionString, env["ConnectionStrings__eventbus"]);
        Assert.StartsWith("amqp://guest:guest@127.0.0.1:", env["ConnectionStrings__eventbus"], StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_to_a_database_carries_the_server_and_the_database_name()
    {
        var builder = TestApps.Builder();
        var surveysDb = builder.AddPostgres("postgres").AddDatabase("surveysdb");
        var api = builder.AddProject("surveys-api", "services/Surveys/Surveys.csproj").WithReference(surveysDb);
        TestApps.Provision(builder.Model);

        var env = ProjectEnvironment.For(api.Resource, Identity);

        Assert.Matches("^Host=127.0.0.1;Port=[0-9]+;Username=postgres;Database=surveysdb$", env["ConnectionStrings__surveysdb"]);
        Assert.False(env.ContainsKey("ConnectionStrings__postgres"));
    }

    [Fact]
    public void Project_gets_its_url_its_service_name_and_the_shared_identity()
    {
        var builder = TestApps.Builder();
        var api = builder.AddProject("surveys-api", "services/Surveys/Surveys.csproj");
        TestApps.Provision(builder.Model);

        var env = ProjectEnvironment.For(api.Resource, Identity);

        Assert.Equal(api.Resource.HttpEndpoint.Url, env["ASPNETCORE_URLS"]);
        Assert.StartsWith("http://localhost:", env["ASPNETCORE_URLS"], StringComparison.Ordinal);
        Assert.Equal("surveys-api", env["OTEL_SERVICE_NAME"]);
        Assert.Equal("a2V5", env["Identity__SigningKey"]);
        Assert.False(env.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    [Fact]
    public void Otlp_endpoint_is_passed_on_only_when_configured()
    {
        var builder = TestApps.Builder();
        var api = builder.AddProject("surveys-api", "services/Surveys/Surveys.csproj");
        TestApps.Provision(builder.Model);

        var env = ProjectEnvironment.For(api.Resource, Identity with { OtlpEndpoint = "http://localhost:4317" });

        Assert.Equal("http://localhost:4317", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    [Fact]
    public void Reference_to_a_project_arrives_as_services_name_http_0()
    {
        var builder = TestApps.Builder();
        var surveys = builder.AddProject("surveys-api", "services/Surveys/Surveys.csproj");
        var portal = builder.AddProject("portal", "services/Portal/Portal.csproj").WithReference(surveys);
        TestApps.Provision(builder.Model);

        var env = ProjectEnvironment.For(portal.Resource, Identity);

        Assert.Equal(surveys.Resource.HttpEndpoint.Url, env["services__surveys-api__http__0"]);
    }

    [Fact]
    public void Reference_to_orleans_gives_the_cluster_keys_redis_and_own_silo_ports()
    {
        var builder = TestApps.Builder();
        var redis = builder.AddRedis("redis");
        var orleans = builder.AddOrleans("insight").WithClustering(redis).WithGrainStorage("insight", redis);
        var hub = builder.AddProject("insighthub", "services/InsightHub/Api/InsightHub.Api.csproj").WithReference(orleans);
        TestApps.Provision(builder.Model);

        var env = ProjectEnvironment.For(hub.Resource, Identity);

        Assert.Equal("championnetwork", env["Orleans__ClusterId"]);
        Assert.Equal("championnetwork", env["Orleans__ServiceId"]);
        Assert.Equal("Redis", env["Orleans__Clustering__ProviderType"]);
        Assert.Equal("redis", env["Orleans__Clustering__ConnectionName"]);
        Assert.Equal("Redis", env["Orleans__GrainStorage__insight__ProviderType"]);
        Assert.Equal("redis", env["Orleans__GrainStorage__insight__ConnectionName"]);
        Assert.Equal(redis.Resource.ConnectionString, env["ConnectionStrings__redis"]);
        var silo = hub.Resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "orleans-silo").Port;
        var gateway = hub.Resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "orleans-gateway").Port;
        Assert.Equal(silo.ToString(), env["Orleans__Endpoints__SiloPort"]);
        Assert.Equal(gateway.ToString(), env["Orleans__Endpoints__GatewayPort"]);
        Assert.NotEqual(silo, gateway);
    }

    [Fact]
    public void Reference_before_provisioning_is_refused()
    {
        var builder = TestApps.Builder();
        var redis = builder.AddRedis("redis");
        var api = builder.AddProject("api", "x.csproj").WithReference(redis);
        api.Resource.HttpEndpoint.Port = 5000;

        Assert.Throws<InvalidOperationException>(() => ProjectEnvironment.For(api.Resource, Identity));
    }
}
