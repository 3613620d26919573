using ChampionNetwork.InsightHub.Extensions;
using ChampionNetwork.InsightHub.Feeds;
using ChampionNetwork.InsightHub.Replay;
using ChampionNetwork.InsightHub.Subscriptions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiDocuments();
app.MapFeedsApi();
app.MapReplayApi();
app.MapSubscriptionsApi();
app.Run();

public partial class Program;
