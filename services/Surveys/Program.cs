using ChampionNetwork.Surveys.Extensions;
using ChampionNetwork.Surveys.Responses;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiDocuments();
app.MapResponsesApi();
app.Run();

public partial class Program;
