using ChampionNetwork.AppHost.Model;
using ChampionNetwork.AppHost.Orchestration;

namespace ChampionNetwork.AppHost.Tests;

public sealed class WaitForOrderTests
{
    [Fact]
    public void A_project_starts_after_everything_it_waits_for_and_stops_before_it()
    {
        var builder = TestApps.Builder();
        // Declared in the "wrong" order on purpose: the project first.
        var api = builder.AddProject("surveys-api", "services/Surveys/Surveys.csproj");
        var eventBus = builder.AddRabbitMQ("eventbus");
        var postgres = builder.AddPostgres("postgres");
        var surveysDb = postgres.AddDatabase("surveysdb");
        api.WithReference(eventBus).WaitFor(eventBus).WithReference(surveysDb).WaitFor(surveysDb);

        var graph = new DependencyGraph(builder.Model.Resources);
        var order = graph.StartOrder.Select(r => r.Name).ToList();

        Assert.True(order.IndexOf("eventbus") < order.IndexOf("surveys-api"));
        Assert.True(order.IndexOf("postgres") < order.IndexOf("surveysdb"));
        Assert.True(order.IndexOf("surveysdb") < order.IndexOf("surveys-api"));

        var stop = graph.StopLayers().Select(layer => layer.Select(r => r.Name).ToList()).ToList();
        Assert.Equal(["surveys-api"], stop[0]);
        Assert.Equal(["surveysdb"], stop[1]);
        Assert.Equal(["eventbus", "postgres"], stop[^1].Order());
    }

    [Fact]
    public void A_database_waits_for_its_server_without_being_told()
    {
        var builder = TestApps.Builder();
        var surveysDb = builder.AddPostgres("postgres").AddDatabase("surveysdb");

        Assert.Equal(["postgres"], DependencyGraph.WaitsOf(surveysDb.Resource).Select(r => r.Name));
    }

    [Fact]
    public void Orleans_reference_makes_the_project_depend_on_its_clustering_server()
    {
        var builder = TestApps.Builder();
        var hub = builder.AddProject("insighthub", "x.csproj");
        var redis = builder.AddRedis("redis");
        hub.WithReference(builder.AddOrleans("insight").WithClustering(redis));

        var order = new DependencyGraph(builder.Model.Resources).StartOrder.Select(r => r.Name).ToList();

        Assert.True(order.IndexOf("redis") < order.IndexOf("insighthub"));
    }

    [Fact]
    public void Waiting_in_a_cycle_is_refused_with_the_cycle_named()
    {
        var builder = TestApps.Builder();
        var a = builder.AddProject("a", "a.csproj");
        var b = builder.AddProject("b", "b.csproj");
        a.WaitFor(b);
        b.WaitFor(a);

        var error = Assert.Throws<InvalidOperationException>(() => new DependencyGraph(builder.Model.Resources));
        Assert.Contains("a -> b -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_is_polled_every_second_until_healthy_then_backs_off_to_five()
    {
        var interval = HealthPolicy.First;
        var seen = new List<double>();
        foreach (var healthy in new[] { false, false, true, true, true, true, false })
        {
            interval = HealthPolicy.Next(interval, healthy);
            seen.Add(interval.TotalSeconds);
        }

        Assert.Equal([1, 1, 2, 4, 5, 5, 1], seen);
    }

    [Fact]
    public void Crashed_service_restarts_with_growing_delay()
    {
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(n => HealthPolicy.RestartDelay(n).TotalSeconds));
    }
}
