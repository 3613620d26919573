using ChampionNetwork.Portal.Apis;
using ChampionNetwork.Portal.Features.Insight;
using ChampionNetwork.Portal.Features.SignIn;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPortalSignIn();
builder.AddPlatformApis();
builder.Services.AddRazorPages(pages => pages.RootDirectory = "/Features");

var app = builder.Build();
app.MapDefaultEndpoints();
app.UsePortalErrorPages();
app.MapStaticAssets();
app.MapSignInEndpoints();
app.MapCsvDownload();
app.MapRazorPages().WithStaticAssets();
app.Run();

public partial class Program;
