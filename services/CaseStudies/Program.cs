using ChampionNetwork.CaseStudies.Consent;
using ChampionNetwork.CaseStudies.Editions;
using ChampionNetwork.CaseStudies.Extensions;
using ChampionNetwork.CaseStudies.Public;
using ChampionNetwork.CaseStudies.Workflow;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApiDocuments();
app.MapCaseStudiesApi();      // authoring: create, edit, new editions, history
app.MapTransitionsApi();      // the workflow: Workflow/WorkflowTable.cs is the one table of what is legal
app.MapConsentApi();          // quoted people's consent, and what withdrawing it does
app.MapPublicPages();         // HTML pages, JSON and the Atom feed
app.Run();

public partial class Program;
