using ChampionNetwork.Surveys.Campaigns;
using ChampionNetwork.Surveys.Extensions;
using ChampionNetwork.Surveys.Instruments;
using ChampionNetwork.Surveys.Responses;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiDocuments();
app.MapInstrumentsApi();
app.MapCampaignsApi();
app.MapResponsesApi();
app.Run();

public partial class Program;
