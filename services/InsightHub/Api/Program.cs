using ChampionNetwork.InsightHub.Extensions;
using ChampionNetwork.InsightHub.Feeds;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiDocuments();
app.MapFeedsApi();
app.Run();

public partial class Program;
