using ChampionNetwork.AppHost.Identity;
using ChampionNetwork.AppHost.Model;

if (TokenCommand.Matches(args))
{
    return TokenCommand.Run(args);
}

var builder = DistributedApplication.CreateBuilder(args);

var eventBus = builder.AddRabbitMQ("eventbus");
var redis = builder.AddRedis("redis");
var postgres = builder.AddPostgres("postgres");
var surveysDb = postgres.AddDatabase("surveysdb");

var orleans = builder.AddOrleans("insight")
    .WithClustering(redis)
    .WithGrainStorage("insight", redis);

var insightHub = builder.AddProject("insighthub", "services/InsightHub/Api/InsightHub.Api.csproj")
    .WithReference(orleans).WaitFor(redis)
    .WithReference(eventBus).WaitFor(eventBus);

// Surveys publishes from its first second (the demo campaign's opening): InsightHub's queues must be bound by then,
// or RabbitMQ would drop events that no queue is bound to receive.
builder.AddProject("surveys-api", "services/Surveys/Surveys.csproj")
    .WithReference(eventBus).WaitFor(eventBus)
    .WithReference(surveysDb).WaitFor(surveysDb)
    .WaitFor(insightHub);

return await builder.Build().RunAsync();
