using ChampionNetwork.AppHost;
using ChampionNetwork.AppHost.Identity;
using ChampionNetwork.AppHost.Servers;
using ChampionNetwork.AppHost.Supervision;

if (TokenCommand.Matches(args))
{
    return TokenCommand.Run(args);
}

var options = AppHostOptions.Parse(args);
var data = options.PrepareDataDirectory();
var signingKey = SigningKeyStore.LoadOrCreate(data);
var ledgerSecret = LedgerSecretStore.LoadOrCreate(data);
var unsubscribeSecret = UnsubscribeSecretStore.LoadOrCreate(data);

var builder = DistributedApplication.CreateBuilder(options.AspireArguments);
ResourceWatcher.StartBeforeResources<ResourceConsole>(builder);
var cadence = PublicationCadence.From(builder.Configuration);
var scale = ScaleOut.From(builder.Configuration);
// A secret parameter: the dashboard masks it.
var ledger = builder.AddParameter("ledger-secret", ledgerSecret, secret: true);
var unsubscribe = builder.AddParameter("unsubscribe-secret", unsubscribeSecret, secret: true);

var eventBus = builder.AddEventBus("eventbus", data);
var redis = builder.AddRedisServer("redis", data);
var postgres = builder.AddPostgresServer("postgres", data);
var surveysDb = postgres.AddDatabase("surveysdb");
var goodPracticeDb = postgres.AddDatabase("goodpracticedb");
var insightHubDb = postgres.AddDatabase("insighthubdb");
var caseStudiesDb = postgres.AddDatabase("casestudiesdb");

// Grain state is keyed by the ServiceId, which stays; each run is a new cluster, so a silo of the last run left in
// Redis's membership table is not one the new silo waits to reach.
var orleans = builder.AddOrleans("insight")
    .WithServiceId("championnetwork")
    .WithClusterId($"championnetwork-{Guid.NewGuid():N}")
    .WithClustering(new OrleansRedis(redis))
    .WithGrainStorage("insight", new OrleansRedis(redis));

var insightHub = builder.AddProject<Projects.InsightHub_Api>("insighthub")
    .WithReference(orleans).WaitFor(redis)
    .WithReference(eventBus).WaitFor(eventBus)
    .WithReference(insightHubDb).WaitFor(insightHubDb)
    .WithEnvironment("InsightHub__Snapshots__PublishEvery", cadence)
    .WithEnvironment("InsightHub__Subscriptions__UnsubscribeSecret", unsubscribe)
    .WithPlatformDefaults(signingKey)
    .WithInstances(scale.Silos);

// Surveys publishes from its first second (the demo campaign's opening): InsightHub's queues must be bound by then,
// or RabbitMQ would drop events that no queue is bound to receive.
var surveys = builder.AddProject<Projects.Surveys>("surveys-api")
    .WithReference(eventBus).WaitFor(eventBus)
    .WithReference(surveysDb).WaitFor(surveysDb)
    .WaitFor(insightHub)
    .WithEnvironment("Anonymity__LedgerSecret", ledger)
    .WithEnvironment("Anonymity__ReleaseEvery", cadence)
    .WithPlatformDefaults(signingKey)
    .WithInstances(scale.ApiReplicas);

// GoodPractice publishes GoodPracticeShared and GoodPracticeAdopted, which InsightHub counts: its queues first.
var goodPractice = builder.AddProject<Projects.GoodPractice>("goodpractice-api")
    .WithReference(eventBus).WaitFor(eventBus)
    .WithReference(goodPracticeDb).WaitFor(goodPracticeDb)
    .WaitFor(insightHub)
    .WithPlatformDefaults(signingKey)
    .WithInstances(scale.ApiReplicas);

// CaseStudies publishes CaseStudyPublished and CaseStudyWithdrawn, which InsightHub counts: its queues first.
var caseStudies = builder.AddProject<Projects.CaseStudies>("casestudies-api")
    .WithReference(eventBus).WaitFor(eventBus)
    .WithReference(caseStudiesDb).WaitFor(caseStudiesDb)
    .WaitFor(insightHub)
    .WithPlatformDefaults(signingKey)
    .WithInstances(scale.ApiReplicas);

// The portal is the only synchronous caller of the APIs; people reach everything from it.
builder.AddProject<Projects.Portal>("portal")
    .WithReference(surveys).WaitFor(surveys)
    .WithReference(goodPractice).WaitFor(goodPractice)
    .WithReference(caseStudies).WaitFor(caseStudies)
    .WithReference(insightHub).WaitFor(insightHub)
    .WithExternalHttpEndpoints()
    .WithPlatformDefaults(signingKey);

// Demo data through the public API, as champions would send it, once per fresh data folder.
builder.AddProject<Projects.DemoSeed>("demo-seed")
    .WithReference(surveys).WaitFor(surveys)
    .WithReference(goodPractice).WaitFor(goodPractice)
    .WithReference(caseStudies).WaitFor(caseStudies)
    .WithReference(insightHub).WaitFor(insightHub)
    .WithEnvironment("DemoSeed__MarkerFile", Path.Combine(data, "demo-seed", "done"))
    .WithConfigurationSection(builder.Configuration, "DemoSeed")
    .WithDevelopmentIdentity(signingKey)
    .AsOneShot();

builder.Build().Run();
return 0;
