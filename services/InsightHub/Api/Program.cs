using ChampionNetwork.InsightHub.Extensions;
using ChampionNetwork.InsightHub.Feeds;
using ChampionNetwork.InsightHub.Replay;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiDocuments();
app.MapFeedsApi();
app.MapReplayApi();
app.Run();

public partial class Program;
