using ChampionNetwork.DemoSeed;
using ChampionNetwork.DemoSeed.CaseStudies;
using ChampionNetwork.DemoSeed.GoodPractice;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.Services.Configure<DemoSeedOptions>(builder.Configuration.GetSection(DemoSeedOptions.SectionName));
builder.Services.AddSingleton<ChampionTokens>();
builder.Services.AddHttpClient<SurveysClient>(http => http.BaseAddress = new Uri("http://surveys-api"));
builder.Services.AddHttpClient<GoodPracticeClient>(http => http.BaseAddress = new Uri("http://goodpractice-api"));
builder.Services.AddSingleton<GoodPracticeSeeder>();
builder.Services.AddHttpClient<CaseStudiesClient>(http => http.BaseAddress = new Uri("http://casestudies-api"));
builder.Services.AddSingleton<CaseStudiesSeeder>();
builder.Services.AddHttpClient<FeedsClient>(http => http.BaseAddress = new Uri("http://insighthub"));
builder.Services.AddSingleton<DemoSeeder>();

using var host = builder.Build();
await host.StartAsync();
var exitCode = await host.Services.GetRequiredService<DemoSeeder>().RunAsync(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
await host.StopAsync();
return exitCode;
