using ChampionNetwork.GoodPractice.Adoption;
using ChampionNetwork.GoodPractice.Extensions;
using ChampionNetwork.GoodPractice.Feeds;
using ChampionNetwork.GoodPractice.Practices;
using ChampionNetwork.GoodPractice.Search;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapApiDocuments();
app.MapSearchApi();
app.MapPracticesApi();
app.MapPreviewApi();
app.MapAdoptionApi();
app.MapFeedsApi();
app.Run();

public partial class Program;
